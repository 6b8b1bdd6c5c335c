"""The PDF writer's adapters: each private name of reportlab, pyphen and python-bidi it uses, by library."""
