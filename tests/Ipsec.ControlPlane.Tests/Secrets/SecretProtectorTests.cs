using System.Security.Cryptography;
using Ipsec.ControlPlane.Secrets;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Ipsec.ControlPlane.Tests.Secrets;

public sealed class SecretProtectorTests
{
    static SecretProtector Protector(byte[]? key = null) => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Secrets:EncryptionKey"] = Convert.ToBase64String(key ?? Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
    }).Build());

    [Fact]
    public void Round_trips_and_never_stores_the_plain_text()
    {
        var p = Protector();
        string stored = p.Protect("my-psk-123", "psk|a|c");
        Assert.StartsWith("v1:", stored);
        Assert.DoesNotContain("my-psk-123", stored);
        Assert.NotEqual(stored, p.Protect("my-psk-123", "psk|a|c"));   // fresh nonce every time
        Assert.Equal("my-psk-123", p.Unprotect(stored, "psk|a|c"));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_owner_or_tampered_with_does_not_decrypt()
    {
        var p = Protector();
        string stored = p.Protect("my-psk-123", "psk|a|c1");
        Assert.ThrowsAny<CryptographicException>(() => p.Unprotect(stored, "psk|a|c2"));
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => p.Unprotect("v1:" + Convert.ToBase64String(bytes), "psk|a|c1"));
        Assert.ThrowsAny<CryptographicException>(() => Protector(new byte[32]).Unprotect(stored, "psk|a|c1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void A_missing_or_bad_key_stops_the_host_with_a_clear_message(string? key)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Secrets:EncryptionKey"] = key }).Build();
        var e = Assert.Throws<InvalidOperationException>(() => new SecretProtector(config));
        Assert.Contains("Secrets:EncryptionKey", e.Message);
    }
}
