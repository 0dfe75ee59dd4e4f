from armsdeal.cli import main

main()
