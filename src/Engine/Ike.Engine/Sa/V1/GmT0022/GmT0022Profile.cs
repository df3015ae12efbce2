using Ike.Encoding.V1;
using Ipsec.Crypto.Sm;

namespace Ike.Engine.Sa.V1.GmT0022;

/// <summary>What marks an ISAKMP SA as GM/T 0022's: the header's version byte (<see cref="SmIdentifiers.GmT0022IsakmpVersion"/>,
/// ISAKMP 1.1) on every message of the SA, phase 1 and phase 2 alike.</summary>
internal static class GmT0022Profile
{
    /// <summary>The minor version nibble of <see cref="SmIdentifiers.GmT0022IsakmpVersion"/>.</summary>
    public const byte MinorVersion = SmIdentifiers.GmT0022IsakmpVersion & 0x0F;

    /// <summary>The minor version an SA's messages carry.</summary>
    public static byte MinorVersionFor(bool gmT0022) => gmT0022 ? MinorVersion : IsakmpHeader.CurrentMinorVersion;
}
