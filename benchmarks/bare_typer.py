"""The start-up reference: a bare Typer app with one command, run in the same environment as armsdeal."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Greet someone."""
    print(f"Hello {name}")


if __name__ == "__main__":
    app()
