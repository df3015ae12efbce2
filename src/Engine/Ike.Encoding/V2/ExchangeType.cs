namespace Ike.Encoding.V2;

/// <summary>IKEv2 exchange types (RFC 7296 §3.1; IANA "IKEv2 Exchange Types").</summary>
public enum ExchangeType : byte
{
    IkeSaInit = 34,
    IkeAuth = 35,
    CreateChildSa = 36,
    Informational = 37,
}
