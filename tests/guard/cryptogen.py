"""Real key material and addresses for tests: secp256k1/ed25519 keys -> checksummed addresses.

Pure Python (plus keccak from pycryptodomex, a dependency of ``monero``); slow but only used to
build the test corpus.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import unicodedata

from Cryptodome.Hash import keccak

from guard._codec import (
    B58_XRP,
    BECH32_CONST,
    BECH32M_CONST,
    b58check_encode,
    b58encode,
    bech32_encode,
    convertbits,
    crc16_xmodem,
    ed25519_public_key,
)

_P = 2**256 - 2**32 - 977
_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
_G = (
    0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798,
    0x483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8,
)


def _ec_add(p: tuple[int, int] | None, q: tuple[int, int] | None) -> tuple[int, int] | None:
    if p is None:
        return q
    if q is None:
        return p
    if p[0] == q[0] and (p[1] + q[1]) % _P == 0:
        return None
    if p == q:
        lam = 3 * p[0] * p[0] * pow(2 * p[1], -1, _P) % _P
    else:
        lam = (q[1] - p[1]) * pow(q[0] - p[0], -1, _P) % _P
    x = (lam * lam - p[0] - q[0]) % _P
    return x, (lam * (p[0] - x) - p[1]) % _P


def secp_pub(priv: int) -> tuple[int, int]:
    result: tuple[int, int] | None = None
    add: tuple[int, int] | None = _G
    while priv:
        if priv & 1:
            result = _ec_add(result, add)
        add = _ec_add(add, add)
        priv >>= 1
    assert result is not None
    return result


def keccak256(data: bytes) -> bytes:
    return keccak.new(digest_bits=256, data=data).digest()


def hash160(data: bytes) -> bytes:
    return hashlib.new("ripemd160", hashlib.sha256(data).digest()).digest()


class KeyGen:
    """Deterministic key/address factory driven by one seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def priv(self) -> int:
        return self.rng.randrange(1, _N)

    def rbytes(self, n: int) -> bytes:
        return self.rng.getrandbits(8 * n).to_bytes(n, "big")

    def _pub(self) -> tuple[int, int]:
        return secp_pub(self.priv())

    def _compressed(self, pub: tuple[int, int]) -> bytes:
        return bytes([2 + (pub[1] & 1)]) + pub[0].to_bytes(32, "big")

    # ---------------------------------------------------------------- public addresses
    def btc_p2pkh(self) -> str:
        return b58check_encode(b"\x00" + hash160(self._compressed(self._pub())))

    def btc_p2sh(self) -> str:
        script = b"\x00\x14" + hash160(self._compressed(self._pub()))
        return b58check_encode(b"\x05" + hash160(script))

    def btc_bech32(self, hrp: str = "bc") -> str:
        prog = hash160(self._compressed(self._pub()))
        return bech32_encode(hrp, [0, *convertbits(prog, 8, 5)], BECH32_CONST)

    def btc_taproot(self) -> str:
        xonly = self._pub()[0].to_bytes(32, "big")
        return bech32_encode("bc", [1, *convertbits(xonly, 8, 5)], BECH32M_CONST)

    def ltc(self) -> str:
        if self.rng.random() < 0.5:
            return b58check_encode(b"\x30" + hash160(self._compressed(self._pub())))
        return self.btc_bech32("ltc")

    def eth(self, checksum: bool = True) -> str:
        pub = self._pub()
        raw = keccak256(pub[0].to_bytes(32, "big") + pub[1].to_bytes(32, "big"))[-20:].hex()
        if not checksum:
            return "0x" + raw
        h = keccak256(raw.encode()).hex()
        return "0x" + "".join(c.upper() if int(h[i], 16) >= 8 else c for i, c in enumerate(raw))

    def tron(self) -> str:
        pub = self._pub()
        raw = keccak256(pub[0].to_bytes(32, "big") + pub[1].to_bytes(32, "big"))[-20:]
        return b58check_encode(b"\x41" + raw)

    def xrp(self) -> str:
        return b58check_encode(b"\x00" + hash160(self._compressed(self._pub())), B58_XRP)

    def solana(self) -> str:
        return b58encode(ed25519_public_key(self.rbytes(32)))

    def ton(self) -> str:
        tag = self.rng.choice([0x11, 0x51])
        body = bytes([tag, 0]) + self.rbytes(32)
        raw = body + crc16_xmodem(body).to_bytes(2, "big")
        import base64

        return base64.urlsafe_b64encode(raw).decode()

    def _extended(self, version: bytes, key: bytes) -> str:
        depth = self.rng.choice([0, 3, 4])
        fp = self.rbytes(4) if depth else b"\x00" * 4
        child = self.rbytes(4) if depth else b"\x00" * 4
        return b58check_encode(version + bytes([depth]) + fp + child + self.rbytes(32) + key)

    def xpub(self) -> str:
        version = self.rng.choice(
            [bytes.fromhex(v) for v in ("0488b21e", "049d7cb2", "04b24746", "043587cf")]
        )
        return self._extended(version, self._compressed(self._pub()))

    # ---------------------------------------------------------------- secrets
    def hex_key(self) -> str:
        return self.priv().to_bytes(32, "big").hex()

    def tx_hash(self) -> str:
        return self.rbytes(32).hex()

    def wif(self) -> str:
        version = self.rng.choice([b"\x80", b"\xef"])
        suffix = self.rng.choice([b"", b"\x01"])
        return b58check_encode(version + self.priv().to_bytes(32, "big") + suffix)

    def xprv(self) -> str:
        versions = {
            "xprv": "0488ade4",
            "yprv": "049d7878",
            "zprv": "04b2430c",
            "tprv": "04358394",
            "uprv": "044a4e28",
            "vprv": "045f18bc",
            "Yprv": "0295b005",
            "Zprv": "02aa7a99",
        }
        version = bytes.fromhex(versions[self.rng.choice(sorted(versions))])
        return self._extended(version, b"\x00" + self.priv().to_bytes(32, "big"))

    def solana_secret(self) -> bytes:
        seed = self.rbytes(32)
        return seed + ed25519_public_key(seed)

    def solana_signature(self) -> str:
        return b58encode(self.rbytes(64))

    def keystore(self) -> str:
        crypto_key = self.rng.choice(["crypto", "Crypto"])
        doc = {
            "address": self.eth(checksum=False)[2:],
            crypto_key: {
                "cipher": "aes-128-ctr",
                "ciphertext": self.rbytes(32).hex(),
                "cipherparams": {"iv": self.rbytes(16).hex()},
                "kdf": self.rng.choice(["scrypt", "pbkdf2"]),
                "kdfparams": {
                    "dklen": 32,
                    "n": 262144,
                    "r": 8,
                    "p": 1,
                    "salt": self.rbytes(32).hex(),
                },
                "mac": self.rbytes(32).hex(),
            },
            "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
            "version": 3,
        }
        indent = self.rng.choice([None, 2])
        return json.dumps(doc, indent=indent)


def electrum_seed(rng: random.Random, words: list[str], n: int) -> str:
    """A real Electrum 2.x 'standard' or 'segwit' seed over the given wordlist."""
    while True:
        phrase = " ".join(rng.choice(words) for _ in range(n))
        norm = unicodedata.normalize("NFKD", phrase).lower()
        digest = hmac.new(b"Seed version", norm.encode(), hashlib.sha512).hexdigest()
        if digest.startswith(("01", "100")):
            return phrase
