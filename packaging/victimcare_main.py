"""The desktop bundle's program (packaging/victimcare.spec): the command line, which opens the
app when it is given no command, exactly like the `victimcare` a wheel installs."""

import sys

from victimcare.cli import main

if __name__ == "__main__":
    sys.exit(main())
