"""katerm: key-account management for field sales teams, in the terminal."""

__version__ = "0.1.0"
