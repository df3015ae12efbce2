namespace Ipsec.Crypto.Sm;

/// <summary>How an SM2 signature (r, s) is written.</summary>
public enum Sm2SignatureEncoding
{
    /// <summary>DER SEQUENCE { r INTEGER, s INTEGER }: GM/T 0009-2012 §7.3 SM2Signature, the form certificates and
    /// RFC 7427 AUTH payloads carry. Decoding accepts only canonical DER.</summary>
    Der,

    /// <summary>r || s, each 32 bytes big-endian (GB/T 32918.2-2016 examples; fixed 64 bytes).</summary>
    Plain,
}
