"""Small, dependency-free decoders: base58(check), bech32/bech32m, TON crc16, ed25519 pubkey.

They run only on candidate tokens of the right length and alphabet, never on whole messages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable

B58_BTC = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B58_XRP = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz"
_B58_MAPS = {a: {c: i for i, c in enumerate(a)} for a in (B58_BTC, B58_XRP)}


def b58decode(s: str, alphabet: str = B58_BTC) -> bytes | None:
    """Decode base58; None if a character is outside the alphabet."""
    table = _B58_MAPS[alphabet]
    n = 0
    try:
        for c in s:
            n = n * 58 + table[c]
    except KeyError:
        return None
    pad = len(s) - len(s.lstrip(alphabet[0]))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\x00" * pad + body


def b58encode(data: bytes, alphabet: str = B58_BTC) -> str:
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, r = divmod(n, 58)
        out.append(alphabet[r])
    pad = len(data) - len(data.lstrip(b"\x00"))
    return alphabet[0] * pad + "".join(reversed(out))


def dsha256(data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def b58check_decode(s: str, alphabet: str = B58_BTC) -> bytes | None:
    """Payload of a base58check string, or None if the checksum fails."""
    raw = b58decode(s, alphabet)
    if raw is None or len(raw) < 5:
        return None
    payload, check = raw[:-4], raw[-4:]
    return payload if dsha256(payload)[:4] == check else None


def b58check_encode(payload: bytes, alphabet: str = B58_BTC) -> str:
    return b58encode(payload + dsha256(payload)[:4], alphabet)


# --- bech32 / bech32m (BIP173 / BIP350) -------------------------------------------------------
BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_MAP = {c: i for i, c in enumerate(BECH32_CHARSET)}
BECH32_CONST = 1
BECH32M_CONST = 0x2BC830A3


def _polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        b = chk >> 25
        chk = ((chk & 0x1FFFFFF) << 5) ^ v
        for i in range(5):
            if (b >> i) & 1:
                chk ^= gen[i]
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def bech32_decode(s: str) -> tuple[str, list[int], int] | None:
    """(hrp, data without checksum, constant) or None. Mixed case is invalid per BIP173."""
    if s.lower() != s and s.upper() != s:
        return None
    s = s.lower()
    pos = s.rfind("1")
    if pos < 1 or pos + 7 > len(s) or len(s) > 90:
        return None
    hrp = s[:pos]
    try:
        data = [_BECH32_MAP[c] for c in s[pos + 1 :]]
    except KeyError:
        return None
    const = _polymod(_hrp_expand(hrp) + data)
    if const not in (BECH32_CONST, BECH32M_CONST):
        return None
    return hrp, data[:-6], const


def bech32_encode(hrp: str, data: list[int], const: int) -> str:
    values = _hrp_expand(hrp) + data
    poly = _polymod([*values, 0, 0, 0, 0, 0, 0]) ^ const
    checksum = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32_CHARSET[d] for d in data + checksum)


def convertbits(data: bytes | list[int], frombits: int, tobits: int, pad: bool = True) -> list[int]:
    acc = 0
    bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if pad and bits:
        ret.append((acc << (tobits - bits)) & maxv)
    return ret


# --- TON user-friendly addresses ------------------------------------------------------------
def crc16_xmodem(data: bytes) -> int:
    return binascii.crc_hqx(data, 0)


def ton_decode(s: str) -> bytes | None:
    """36-byte TON user-friendly address (base64 or base64url) with valid crc16, else None."""
    if len(s) != 48:
        return None
    try:
        raw = base64.urlsafe_b64decode(s.replace("+", "-").replace("/", "_"))
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 36 or (raw[0] & 0x7F) not in (0x11, 0x51) or raw[1] not in (0x00, 0xFF):
        return None
    if crc16_xmodem(raw[:34]) != int.from_bytes(raw[34:], "big"):
        return None
    return raw


# --- ed25519 public key from seed (RFC 8032), for Solana keypair validation ----------------
_nacl_keypair: Callable[[bytes], tuple[bytes, bytes]] | None
try:
    from nacl.bindings import crypto_sign_seed_keypair as _nacl_keypair
except ImportError:  # pragma: no cover - PyNaCl comes with monero
    _nacl_keypair = None
_P = 2**255 - 19
_D = -121665 * pow(121666, _P - 2, _P) % _P
_I = pow(2, (_P - 1) // 4, _P)
_BY = 4 * pow(5, _P - 2, _P) % _P


def _xrecover(y: int) -> int:
    xx = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P)
    x = pow(xx, (_P + 3) // 8, _P)
    if (x * x - xx) % _P != 0:
        x = (x * _I) % _P
    if x % 2 != 0:
        x = _P - x
    return x


_B = (_xrecover(_BY), _BY, 1, _xrecover(_BY) * _BY % _P)
_Point = tuple[int, int, int, int]


def _add(p: _Point, q: _Point) -> _Point:
    a = (p[1] - p[0]) * (q[1] - q[0]) % _P
    b = (p[1] + p[0]) * (q[1] + q[0]) % _P
    c = 2 * p[3] * q[3] * _D % _P
    d = 2 * p[2] * q[2] % _P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _mul(s: int, p: _Point) -> _Point:
    q: _Point = (0, 1, 1, 0)
    while s:
        if s & 1:
            q = _add(q, p)
        p = _add(p, p)
        s >>= 1
    return q


def ed25519_public_key(seed: bytes) -> bytes:
    """Public key for a 32-byte ed25519 seed: libsodium via PyNaCl (installed with ``monero``)
    when present, else pure Python (~2 ms; only ever run on candidate tokens)."""
    if _nacl_keypair is not None:
        return bytes(_nacl_keypair(seed)[0])
    return ed25519_public_key_py(seed)


def ed25519_public_key_py(seed: bytes) -> bytes:
    """Reference implementation (RFC 8032), also used to cross-check the fast path in tests."""
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    x, y, z, _ = _mul(a, _B)
    zi = pow(z, _P - 2, _P)
    x, y = x * zi % _P, y * zi % _P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")
