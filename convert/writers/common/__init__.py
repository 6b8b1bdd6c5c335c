"""What two or more writers share: the cover, its image, and Arabic shaping."""
