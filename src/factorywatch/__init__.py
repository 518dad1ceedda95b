"""factorywatch: what North Korean state media say about factories, against what sources report."""

__version__ = "0.1.0"
