using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Sa.V1.GmT0022;
using Ipsec.Crypto.Algorithms;
using Ipsec.Crypto.Randomness;
using Ipsec.Crypto.Sm;

namespace Ike.Engine.Tests.Sm;

/// <summary>The GM/T 0022 digital envelope of main mode messages 3-4: the SM2-sealed key and the SM4-enveloped bodies.</summary>
public sealed class DigitalEnvelopeTests
{
    static readonly IRandomSource Random = SystemRandomSource.Instance;

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(32)]
    public void ABodySealedUnderTheKey_OpensToTheSameBytes_PaddedToWholeBlocks(int length)
    {
        byte[] key = DigitalEnvelope.NewKey(AlgorithmCatalog.Sm4, Random);
        byte[] body = [.. Enumerable.Range(0, length).Select(i => (byte)i)];

        EnvelopedPayload sealedBody = DigitalEnvelope.Seal(IsakmpPayloadType.Nonce, body, AlgorithmCatalog.Sm4, key, Random);

        // IV, then the body and 1-16 bytes of padding in whole SM4 blocks
        Assert.Equal(16 + ((length / 16) + 1) * 16, sealedBody.Ciphertext.Length);
        Assert.True(DigitalEnvelope.TryOpen(sealedBody, AlgorithmCatalog.Sm4, key, out byte[]? opened));
        Assert.Equal(body, opened);
    }

    [Theory]
    [InlineData("no block after the IV", 16)]
    [InlineData("not whole blocks", 40)]
    public void CiphertextThatCannotBeOurs_DoesNotOpen(string why, int length)
    {
        byte[] key = DigitalEnvelope.NewKey(AlgorithmCatalog.Sm4, Random);

        Assert.False(DigitalEnvelope.TryOpen(new EnvelopedPayload(IsakmpPayloadType.Identification, new byte[length]), AlgorithmCatalog.Sm4, key, out _), why);
    }

    [Fact]
    public void TheSymmetricKeyPayload_OpensOnlyWithTheRecipientsEncryptionKey()
    {
        Sm2PrivateKey recipient = Sm2PrivateKey.Generate();
        Sm2PrivateKey someoneElse = Sm2PrivateKey.Generate();
        byte[] key = DigitalEnvelope.NewKey(AlgorithmCatalog.Sm4, Random);
        UnknownPayload sealedKey = DigitalEnvelope.SealKey(recipient.PublicKey, key, Random);
        var message = new IsakmpMessage(1, 2, IsakmpExchangeType.IdentityProtection, IsakmpHeaderFlags.None, 0, [sealedKey]);

        Assert.Equal(SmIdentifiers.IsakmpPayloadSymmetricKey, (byte)sealedKey.Type);
        Assert.True(DigitalEnvelope.TryOpenKey(message, recipient, AlgorithmCatalog.Sm4, out byte[]? opened));
        Assert.Equal(key, opened);
        Assert.False(DigitalEnvelope.TryOpenKey(message, someoneElse, AlgorithmCatalog.Sm4, out _));
        Assert.False(DigitalEnvelope.TryOpenKey(message with { Payloads = [] }, recipient, AlgorithmCatalog.Sm4, out _));
    }
}
