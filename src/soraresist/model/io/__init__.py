"""Model file formats, one module each with the verbs read, parse (text), generate (text), write."""

from soraresist.model.io.bnet import generate_bnet, parse_bnet, read_bnet, write_bnet
from soraresist.model.io.maboss import (
    MaBoSSSettings,
    generate_maboss,
    parse_maboss,
    read_maboss,
    write_maboss,
)

__all__ = [
    "MaBoSSSettings",
    "generate_bnet",
    "generate_maboss",
    "parse_bnet",
    "parse_maboss",
    "read_bnet",
    "read_maboss",
    "write_bnet",
    "write_maboss",
]
