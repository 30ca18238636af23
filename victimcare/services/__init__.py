"""Use cases the screens and the command line call. No Qt widgets here."""
