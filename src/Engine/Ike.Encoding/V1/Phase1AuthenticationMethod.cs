namespace Ike.Encoding.V1;

/// <summary>Values of the phase 1 Authentication Method attribute.</summary>
/// <remarks>
/// RFC 2409 Appendix A defines 1–5; RFC 4754 §4 adds ECDSA 9–11. The XAUTH values come from
/// draft-ietf-ipsec-isakmp-xauth-06 §6 (private use range); we do not implement XAUTH, they are named so a log
/// can say what a peer offered.
/// </remarks>
public enum Phase1AuthenticationMethod : ushort
{
    PreSharedKey = 1,
    DssSignatures = 2,
    RsaSignatures = 3,
    RsaEncryption = 4,
    RevisedRsaEncryption = 5,
    EcdsaSha256P256 = 9,
    EcdsaSha384P384 = 10,
    EcdsaSha512P521 = 11,
    XauthInitiatorPreSharedKey = 65001,
    XauthResponderPreSharedKey = 65002,
    XauthInitiatorDss = 65003,
    XauthResponderDss = 65004,
    XauthInitiatorRsa = 65005,
    XauthResponderRsa = 65006,
}
