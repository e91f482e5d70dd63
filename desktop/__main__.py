"""Allow ``python -m desktop COMMAND``; ``python -m desktop.gui`` also opens the window."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # Export and import use spawned worker processes; a frozen build needs this first.
    multiprocessing.freeze_support()
    sys.exit(main(exit_at_end=True))
