"""soraresist: evidence atlas, network model and simulation of sorafenib resistance in HCC.

Layers, each importing only those to its left: ``atlas -> model -> engine -> analysis -> cli/web``.
"""

__version__ = "0.1.0"
