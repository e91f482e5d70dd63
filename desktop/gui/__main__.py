"""Allow ``python -m desktop.gui``: the whole program, the window when no command is given."""

import multiprocessing
import sys

from desktop.gui.launch import run

if __name__ == "__main__":
    # Export and import use spawned worker processes; a frozen build needs this first.
    multiprocessing.freeze_support()
    sys.exit(run())
