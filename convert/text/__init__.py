"""Rules on text every reader and writer shares: scripts and direction, cleaning, the words convert prints."""
