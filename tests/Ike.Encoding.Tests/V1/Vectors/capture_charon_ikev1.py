#!/usr/bin/env python3
"""Captures real IKEv1 datagrams from strongSwan's charon for the V1 codec tests (StrongSwanIkev1Vectors.cs).

Run as root on a machine with strongSwan 5.9 (`/usr/lib/ipsec/charon`, `swanctl`):

    python3 capture_charon_ikev1.py [--port 15631] [--peer-port 25631]

It starts a private charon (own strongswan.conf, vici socket and /run in a private mount namespace, like
tests/Interop.Tests/Peers/StrongSwanPeer does), lets it initiate IKEv1 main mode with a pre-shared key
towards this script on 127.0.0.1, and plays the responder just far enough to receive:

  MM1  HDR, SA, VID*                       (in clear)
  MM3  HDR, KE, Ni, NAT-D, NAT-D           (in clear)
  MM5  HDR*, IDii, HASH_I, N(INITIAL-CONTACT)  (AES-128-CBC)
  QM1  HDR*, HASH(1), SA, Ni, KE, IDci, IDcr   (AES-128-CBC, PFS with MODP-2048)

The responder side (MM2, MM4, MM6) is computed here with RFC 2409's formulas (SKEYID for pre-shared keys,
Appendix B IVs); charon accepting MM6 and sending QM1 proves the derivation. The script checks HASH_I and
HASH(1) itself and prints everything the C# tests need: the four datagrams (without the non-ESP marker),
the encryption key and IVs, SKEYID_a. charon is stopped and its state removed at the end.
"""
import argparse
import hashlib
import hmac
import os
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PSK = b"codec-vector-psk-0123456789"

# RFC 3526 §3: 2048-bit MODP group (group 14), generator 2.
MODP2048 = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16)

NON_ESP_MARKER = b"\0\0\0\0"


def prf(key, data):
    return hmac.new(key, data, hashlib.sha1).digest()


def aes_cbc(key, iv, data, encrypt):
    cipher = Cipher(algorithms.AES(key), modes.CBC(iv))
    op = cipher.encryptor() if encrypt else cipher.decryptor()
    return op.update(data) + op.finalize()


def parse_chain(first, data):
    """[(type, body, header_offset)] of a payload chain; stops at Next Payload 0."""
    out, pos, ptype = [], 0, first
    while ptype != 0:
        nxt, _, length = struct.unpack_from(">BBH", data, pos)
        out.append((ptype, data[pos + 4:pos + length], pos))
        pos += length
        ptype = nxt
    return out, pos


def payload_chain(items):
    """items: [(type, body)] -> (first type, bytes)."""
    out = b""
    for i, (_, body) in enumerate(items):
        nxt = items[i + 1][0] if i + 1 < len(items) else 0
        out += struct.pack(">BBH", nxt, 0, 4 + len(body)) + body
    return items[0][0], out


def header(ci, cr, first, exchange, flags, msg_id, length):
    return ci + cr + struct.pack(">BBBBII", first, 0x10, exchange, flags, msg_id, length)


def pad_to_block(data, block=16):
    return data + b"\0" * (-len(data) % block)


class Charon:
    def __init__(self, port, natt, peer_port):
        self.dir = tempfile.mkdtemp(prefix="ikev1-capture-")
        os.makedirs(os.path.join(self.dir, "run"))
        # swanctl --load-all looks for credential directories next to swanctl.conf
        for sub in ("x509", "x509ca", "x509ocsp", "x509aa", "x509ac", "x509crl", "pubkey", "private", "rsa",
                    "ecdsa", "bliss", "pkcs8", "pkcs12"):
            os.makedirs(os.path.join(self.dir, sub))
        self.vici = os.path.join(self.dir, "charon.vici")
        self.conf = os.path.join(self.dir, "strongswan.conf")
        with open(self.conf, "w") as f:
            f.write(f"""charon {{
  port = {port}
  port_nat_t = {natt}
  install_routes = no
  install_virtual_ip = no
  retransmit_tries = 2
  retransmit_timeout = 3.0
  send_vendor_id = yes
  load = random nonce aes sha1 sha2 md5 hmac gmp openssl pem pkcs1 pubkey x509 kernel-netlink socket-default vici
  plugins {{ vici {{ socket = unix://{self.vici} }} }}
  syslog {{ daemon {{ default = -1 }} auth {{ default = -1 }} }}
  filelog {{ log {{ path = {self.dir}/charon.log
    default = 1
    ike = 2
    enc = 1
    flush_line = yes }} }}
}}
""")
        with open(os.path.join(self.dir, "swanctl.conf"), "w") as f:
            f.write(f"""connections {{
  capture {{
    version = 1
    aggressive = no
    local_addrs = 127.0.0.1
    remote_addrs = 127.0.0.1
    remote_port = {peer_port}
    proposals = aes128-sha1-modp2048
    dpd_delay = 30s
    local {{
      auth = psk
      id = 127.0.0.1
    }}
    remote {{
      auth = psk
      id = 127.0.0.1
    }}
    children {{
      capture-child {{
        esp_proposals = aes128-sha1-modp2048
        local_ts = 10.1.0.0/16
        remote_ts = 10.2.0.0/16
        mode = tunnel
        start_action = none
      }}
    }}
  }}
}}
secrets {{
  ike-capture {{
    id = 127.0.0.1
    secret = "{PSK.decode()}"
  }}
}}
""")
        env = dict(os.environ, STRONGSWAN_CONF=self.conf)
        self.env = env
        self.proc = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
             'mount --bind "$1" /run && exec "$2"', "sh", os.path.join(self.dir, "run"), "/usr/lib/ipsec/charon"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):
            if os.path.exists(self.vici):
                break
            time.sleep(0.1)
        self.swanctl("--load-all", "--noprompt", "--file", os.path.join(self.dir, "swanctl.conf"))

    def swanctl(self, *args, wait=True):
        cmd = ["swanctl", *args, "--uri", f"unix://{self.vici}"]
        if wait:
            subprocess.run(cmd, env=self.env, check=True, stdout=subprocess.DEVNULL)
        else:
            return subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=15631)
    ap.add_argument("--peer-port", type=int, default=25631)
    args = ap.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", args.peer_port))
    sock.settimeout(10)

    def recv():
        data, src = sock.recvfrom(65535)
        # strongSwan adds the non-ESP marker when neither port is 500 (RFC 3948 §2.2 framing).
        return (data[4:] if data.startswith(NON_ESP_MARKER) else data), src

    def send(msg, dst):
        sock.sendto(NON_ESP_MARKER + msg, dst)

    charon = Charon(args.port, args.port - 1000, args.peer_port)
    initiate = charon.swanctl("--initiate", "--child", "capture-child", "--timeout", "8", wait=False)
    try:
        mm1, src = recv()
        ci = mm1[:8]
        cr = secrets.token_bytes(8)
        payloads1, _ = parse_chain(mm1[16], mm1[28:])
        sa_body = next(body for t, body, _ in payloads1 if t == 1)
        # Accept the single proposal/transform charon offered: echo the SA body (RFC 2408 §4.2).
        vids = [bytes.fromhex("4a131c81070358455c5728f20e95452f"),   # RFC 3947
                bytes.fromhex("afcad71368a1f1c96b8696fc77570100")]   # RFC 3706 DPD
        first, chain = payload_chain([(1, sa_body)] + [(13, v) for v in vids])
        send(header(ci, cr, first, 2, 0, 0, 28 + len(chain)) + chain, src)

        mm3, src = recv()
        payloads3, _ = parse_chain(mm3[16], mm3[28:])
        gxi = next(body for t, body, _ in payloads3 if t == 4)
        ni = next(body for t, body, _ in payloads3 if t == 10)
        xr = int.from_bytes(secrets.token_bytes(256), "big") % (MODP2048 - 2) + 1
        gxr = pow(2, xr, MODP2048).to_bytes(256, "big")
        nr = secrets.token_bytes(32)
        gxy = pow(int.from_bytes(gxi, "big"), xr, MODP2048).to_bytes(256, "big")

        def natd(ip, port):
            return hashlib.sha1(ci + cr + socket.inet_aton(ip) + struct.pack(">H", port)).digest()

        first, chain = payload_chain([(4, gxr), (10, nr), (20, natd(src[0], src[1])), (20, natd("127.0.0.1", args.peer_port))])
        send(header(ci, cr, first, 2, 0, 0, 28 + len(chain)) + chain, src)

        # RFC 2409 §5: SKEYID for pre-shared keys, then SKEYID_d/_a/_e; Appendix B: key and first IV.
        skeyid = prf(PSK, ni + nr)
        skeyid_d = prf(skeyid, gxy + ci + cr + b"\0")
        skeyid_a = prf(skeyid, skeyid_d + gxy + ci + cr + b"\1")
        skeyid_e = prf(skeyid, skeyid_a + gxy + ci + cr + b"\2")
        key = skeyid_e[:16]
        iv_mm5 = hashlib.sha1(gxi + gxr).digest()[:16]

        mm5, src = recv()
        mm5_plain = aes_cbc(key, iv_mm5, mm5[28:], encrypt=False)
        payloads5, end5 = parse_chain(mm5[16], mm5_plain)
        idii_b = next(body for t, body, _ in payloads5 if t == 5)
        hash_i = next(body for t, body, _ in payloads5 if t == 8)
        expected_hash_i = prf(skeyid, gxi + gxr + ci + cr + sa_body + idii_b)
        assert hash_i == expected_hash_i, "HASH_I mismatch: key derivation or SAi_b/IDii_b differ"

        # MM6: IDir (ID_IPV4_ADDR 127.0.0.1, UDP/500 as charon sends it), HASH_R.
        idir_b = struct.pack(">BBH", 1, 17, 500) + socket.inet_aton("127.0.0.1")
        hash_r = prf(skeyid, gxr + gxi + cr + ci + sa_body + idir_b)
        first, chain = payload_chain([(5, idir_b), (8, hash_r)])
        iv_mm6 = mm5[-16:]
        mm6_cipher = aes_cbc(key, iv_mm6, pad_to_block(chain), encrypt=True)
        send(header(ci, cr, first, 2, 1, 0, 28 + len(mm6_cipher)) + mm6_cipher, src)

        qm1, src = recv()
        while qm1[18] != 32:   # skip anything that is not quick mode (e.g. a retransmission)
            qm1, src = recv()
        msg_id = qm1[20:24]
        iv_qm1 = hashlib.sha1(mm6_cipher[-16:] + msg_id).digest()[:16]
        qm1_plain = aes_cbc(key, iv_qm1, qm1[28:], encrypt=False)
        payloads_qm, end_qm = parse_chain(qm1[16], qm1_plain)
        hash1 = payloads_qm[0][1]
        after_hash = qm1_plain[payloads_qm[1][2]:end_qm]
        assert hash1 == prf(skeyid_a, msg_id + after_hash), "HASH(1) mismatch"
    finally:
        initiate.kill()
        charon.stop()
        sock.close()

    version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "strongswan-charon"], capture_output=True, text=True)
    print("# strongswan-charon", version.stdout.strip())
    print("mm1", mm1.hex())
    print("mm3", mm3.hex())
    print("mm5", mm5.hex())
    print("mm5_plaintext", mm5_plain.hex(), "chain_end", end5)
    print("qm1", qm1.hex())
    print("qm1_plaintext", qm1_plain.hex(), "chain_end", end_qm)
    print("key", key.hex())
    print("iv_mm5", iv_mm5.hex())
    print("iv_mm6", iv_mm6.hex())
    print("iv_qm1", iv_qm1.hex())
    print("skeyid_a", skeyid_a.hex())
    print("responder_cookie", cr.hex())


if __name__ == "__main__":
    sys.exit(main())
