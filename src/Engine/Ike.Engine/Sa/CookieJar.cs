using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Ike.Engine.Timing;
using Ipsec.Crypto.Randomness;

namespace Ike.Engine.Sa;

/// <summary>
/// Stateless cookies against half-open floods (RFC 7296 §2.6): Cookie = VersionIDofSecret | Hash(Ni | IPi | SPIi |
/// secret). The responder keeps nothing per initiator until one comes back with a cookie that verifies. The secret is
/// replaced now and then; a cookie made with the previous secret is still accepted once more (§2.6: "the responder
/// SHOULD ... accept cookies computed from either secret" for a short time).
/// </summary>
internal sealed class CookieJar : IDisposable
{
    private readonly IRandomSource _random;
    private byte[] _secret = new byte[32];
    private byte[] _previousSecret = new byte[32];
    private uint _version;

    public CookieJar(IRandomSource random)
    {
        _random = random;
        _random.Fill(_secret);
    }

    public byte[] Make(ReadOnlySpan<byte> nonceInitiator, IPAddress initiator, ulong spiInitiator) =>
        Compute(_version, _secret, nonceInitiator, initiator, spiInitiator);

    public bool Verify(ReadOnlySpan<byte> cookie, ReadOnlySpan<byte> nonceInitiator, IPAddress initiator, ulong spiInitiator)
    {
        if (cookie.Length != Rfc7296Limits.CookieVersionLength + 32)
        {
            return false;
        }

        uint version = BinaryPrimitives.ReadUInt32BigEndian(cookie);
        byte[]? secret = version == _version ? _secret : version == _version - 1 ? _previousSecret : null;
        return secret is not null
            && CryptographicOperations.FixedTimeEquals(cookie, Compute(version, secret, nonceInitiator, initiator, spiInitiator));
    }

    /// <summary>New secret; the old one stays valid for cookies already handed out.</summary>
    public void Rotate()
    {
        CryptographicOperations.ZeroMemory(_previousSecret);
        _previousSecret = _secret;
        _secret = new byte[32];
        _random.Fill(_secret);
        _version++;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        CryptographicOperations.ZeroMemory(_previousSecret);
    }

    private static byte[] Compute(uint version, byte[] secret, ReadOnlySpan<byte> nonceInitiator, IPAddress initiator, ulong spiInitiator)
    {
        byte[] address = initiator.GetAddressBytes();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> spi = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(spi, spiInitiator);
        hash.AppendData(nonceInitiator);
        hash.AppendData(address);
        hash.AppendData(spi);
        hash.AppendData(secret);
        var cookie = new byte[Rfc7296Limits.CookieVersionLength + 32];
        BinaryPrimitives.WriteUInt32BigEndian(cookie, version);
        hash.GetHashAndReset(cookie.AsSpan(Rfc7296Limits.CookieVersionLength));
        return cookie;
    }
}
