#!/usr/bin/env python3
"""Builds the IKEv2 test vectors used by StrongSwanVectors.cs, independently of the C# codec.

Re-run with `python3 make_vectors.py` and compare with the hex in StrongSwanVectors.cs.

* IKE_SA_INIT request laid out as strongSwan 5.9 sends it for `proposals = aes256-sha256-modp2048`
  (charon logs it as "IKE_SA_INIT request 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG)
  N(REDIR_SUP) ]"): one IKE proposal with ENCR_AES_CBC/256, AUTH_HMAC_SHA2_256_128, PRF_HMAC_SHA2_256,
  MODP_2048 in that order, a 256-octet KE, a 32-octet nonce, two 20-octet NAT-D hashes, the RFC 7427 hash
  list SHA2-256/384/512 + Identity. SPI, KE, nonce and NAT-D octets are fixed pseudo-random stand-ins
  (strongSwan is not installed on this machine; the layout, not the randomness, is what the vector checks).
* IKE_AUTH request protected with AES-CBC-256 + HMAC-SHA2-256-128 (the `cryptography` package), with the
  payloads charon sends for a PSK connection with FQDN identities ("IKE_AUTH request 1 [ IDi N(INIT_CONTACT)
  IDr AUTH SA TSi TSr N(MOBIKE_SUP) N(NO_ADD_ADDR) N(MULT_AUTH) N(EAP_ONLY) N(MSG_ID_SYN_SUP) ]"). The
  padding is deliberately NOT minimal (one extra block of 0xAA octets) because RFC 7296 §3.14 says the
  recipient MUST accept any padding that aligns.
"""
import hashlib
import hmac
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def rnd(label, n):
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{label}/{i}".encode()).digest()
        i += 1
    return out[:n]


def payload(next_type, body):
    return struct.pack(">BBH", next_type, 0, 4 + len(body)) + body


def chain(items):
    """items: list of (type, body); returns (first type, bytes)."""
    out = b""
    for i, (_, body) in enumerate(items):
        nxt = items[i + 1][0] if i + 1 < len(items) else 0
        out += payload(nxt, body)
    return items[0][0], out


def transform(last, ttype, tid, attrs=b""):
    body = struct.pack(">BBH", ttype, 0, tid) + attrs
    return struct.pack(">BBH", 0 if last else 3, 0, 4 + len(body)) + body


def proposal(last, num, proto, spi, transforms):
    body = struct.pack(">BBBB", num, proto, len(spi), len(transforms)) + spi + b"".join(transforms)
    return struct.pack(">BBH", 0 if last else 2, 0, 4 + len(body)) + body


def notify(ntype, data=b"", proto=0, spi=b""):
    return struct.pack(">BBH", proto, len(spi), ntype) + spi + data


def header(spi_i, spi_r, first, exchange, flags, msg_id, length):
    return spi_i + spi_r + struct.pack(">BBBBII", first, 0x20, exchange, flags, msg_id, length)


KEY_LENGTH_256 = struct.pack(">HH", 0x800E, 256)
KEY_LENGTH_128 = struct.pack(">HH", 0x800E, 128)

SPI_I = rnd("spi-i", 8)
SPI_R = rnd("spi-r", 8)


def ike_sa_init_request():
    sa = proposal(True, 1, 1, b"", [
        transform(False, 1, 12, KEY_LENGTH_256),  # ENCR_AES_CBC, 256-bit key
        transform(False, 3, 12),                  # AUTH_HMAC_SHA2_256_128
        transform(False, 2, 5),                   # PRF_HMAC_SHA2_256
        transform(True, 4, 14),                   # MODP_2048
    ])
    ke = struct.pack(">HH", 14, 0) + rnd("ke", 256)
    items = [
        (33, sa),
        (34, ke),
        (40, rnd("nonce-i", 32)),
        (41, notify(16388, rnd("natd-s", 20))),
        (41, notify(16389, rnd("natd-d", 20))),
        (41, notify(16430)),
        (41, notify(16431, struct.pack(">HHHH", 2, 3, 4, 5))),
        (41, notify(16406)),
    ]
    first, body = chain(items)
    return header(SPI_I, b"\0" * 8, first, 34, 0x08, 0, 28 + len(body)) + body


SK_EI = rnd("sk-ei", 32)
SK_AI = rnd("sk-ai", 32)
IV = rnd("iv", 16)


def ike_auth_request():
    ts_i = struct.pack(">BBBB", 1, 0, 0, 0) + struct.pack(">BBHHH", 7, 0, 16, 0, 65535) + bytes([127, 0, 0, 1]) * 2
    ts_r = struct.pack(">BBBB", 1, 0, 0, 0) + struct.pack(">BBHHH", 7, 0, 16, 0, 65535) + bytes([127, 0, 0, 2]) * 2
    sa = proposal(True, 1, 3, bytes.fromhex("c1a2b3d4"), [
        transform(False, 1, 12, KEY_LENGTH_128),  # ENCR_AES_CBC, 128-bit key
        transform(False, 3, 12),                  # AUTH_HMAC_SHA2_256_128
        transform(True, 5, 0),                    # no ESN
    ])
    items = [
        (35, struct.pack(">BBBB", 2, 0, 0, 0) + b"peer-a.lab.test"),
        (41, notify(16384)),                              # INITIAL_CONTACT
        (36, struct.pack(">BBBB", 2, 0, 0, 0) + b"peer-b.lab.test"),
        (39, struct.pack(">BBBB", 2, 0, 0, 0) + rnd("auth", 32)),
        (33, sa),
        (44, ts_i),
        (45, ts_r),
        (41, notify(16396)),                              # MOBIKE_SUPPORTED
        (41, notify(16399)),                              # NO_ADDITIONAL_ADDRESSES
        (41, notify(16404)),                              # MULTIPLE_AUTH_SUPPORTED
        (41, notify(16417)),                              # EAP_ONLY_AUTHENTICATION
        (41, notify(16420)),                              # IKEV2_MESSAGE_ID_SYNC_SUPPORTED
    ]
    first_inner, inner = chain(items)
    minimal = (16 - (len(inner) + 1) % 16) % 16
    pad_length = minimal + 16                             # one extra block: still aligned, so acceptable
    plaintext = inner + b"\xAA" * pad_length + bytes([pad_length])
    encryptor = Cipher(algorithms.AES(SK_EI), modes.CBC(IV)).encryptor()
    ciphertext = encryptor.update(plaintext) + encryptor.finalize()
    sk_body_length = len(IV) + len(ciphertext) + 16
    length = 28 + 4 + sk_body_length
    msg = header(SPI_I, SPI_R, 46, 35, 0x08, 1, length)
    msg += struct.pack(">BBH", first_inner, 0, 4 + sk_body_length) + IV + ciphertext
    icv = hmac.new(SK_AI, msg, hashlib.sha256).digest()[:16]
    return msg + icv


def show(name, data):
    print(f"{name} ({len(data)} octets):")
    for i in range(0, len(data), 32):
        print("    " + data[i:i + 32].hex())


if __name__ == "__main__":
    show("IKE_SA_INIT request", ike_sa_init_request())
    show("IKE_AUTH request", ike_auth_request())
    show("SK_ei", SK_EI)
    show("SK_ai", SK_AI)
    show("IV", IV)
    show("SPIi", SPI_I)
    show("SPIr", SPI_R)
