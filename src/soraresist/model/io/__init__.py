"""Model file formats, one module each with the verbs read, parse (text), generate (text), write."""

from soraresist.model.io.bnet import generate_bnet, parse_bnet, read_bnet, write_bnet
from soraresist.model.io.maboss import (
    MaBoSSSettings,
    generate_maboss,
    parse_maboss,
    read_maboss,
    write_maboss,
)
from soraresist.model.io.sbml_qual import (
    generate_sbml_qual,
    parse_sbml_qual,
    read_sbml_qual,
    write_sbml_qual,
)

__all__ = [
    "MaBoSSSettings",
    "generate_bnet",
    "generate_maboss",
    "generate_sbml_qual",
    "parse_bnet",
    "parse_maboss",
    "parse_sbml_qual",
    "read_bnet",
    "read_maboss",
    "read_sbml_qual",
    "write_bnet",
    "write_maboss",
    "write_sbml_qual",
]
