"""Name folding shared by the atlas and the model, so that both match a name the same way.

A leaf module: it imports only the standard library, so the model can fold names without
loading the atlas.
"""

from __future__ import annotations

import unicodedata

_GREEK = str.maketrans({
    "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "h", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "u", "φ": "ph", "χ": "ch", "ψ": "ps", "ω": "o",
})


def fold_name(text: str) -> str:
    """Fold a name for matching: Greek letters spelled in Latin, case, accents, hyphens, spaces.

    Examples
    --------
    >>> fold_name("HIF-2α") == fold_name("hif2a") == "hif2a"
    True
    """
    text = unicodedata.normalize("NFKD", text.lower().translate(_GREEK))
    return "".join(ch for ch in text if ch.isalnum())
