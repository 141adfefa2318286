from tui.main import run

run()
