"""Lock, passphrase, backup, audit and file-protection helpers."""
