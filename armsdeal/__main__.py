from armsdeal.entry import main

main()
