"""Rules on text every reader and writer shares: scripts, direction, links, cleaning, the words convert prints."""
