"""The style sheets that come with convert, installed inside the package as `convert.sheets`."""
