using System.Globalization;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ipsec.Crypto.Algorithms;

namespace Ike.Engine.Config.V1;

/// <summary>
/// What a peer's IKEv1 transforms say, in the words of the IKEv2 diagnostics ("aes256/sha1/modp1024"): the product's
/// names where the product has the algorithm, the registry number otherwise ("encr8", "hash3", "group19"), and the
/// authentication method when it is not a pre-shared key ("auth:rsasig").
/// </summary>
public static class Ikev1TransformNames
{
    /// <summary>Every transform of every proposal, separated by ", ".</summary>
    public static string Describe(SaPayload sa) =>
        string.Join(", ", sa.Proposals.SelectMany(p => p.Transforms.Select(t => p.ProtocolId == Ike.Encoding.IpsecProtocolId.Ike ? DescribePhase1(t) : DescribeEsp(t))).Distinct());

    public static string DescribePhase1(TransformPayload transform)
    {
        ushort? Basic(Phase1AttributeType type) => transform.Find(type) is { IsBasic: true } a ? a.BasicValue : null;

        ushort? encryptionId = Basic(Phase1AttributeType.EncryptionAlgorithm);
        ushort? keyLength = Basic(Phase1AttributeType.KeyLength);
        string encryption = encryptionId is { } e
            ? AlgorithmCatalog.FindEncryptionByIkev1Phase1(e, keyLength)?.ApiName ?? $"encr{e}{Bits(keyLength)}"
            : "encr?";
        string hash = Basic(Phase1AttributeType.HashAlgorithm) is { } h ? AlgorithmCatalog.FindAuthByIkev1Hash(h)?.ApiName ?? $"hash{h}" : "hash?";
        string group = Basic(Phase1AttributeType.GroupDescription) is { } g ? AlgorithmCatalog.FindDhGroupById(g)?.ShortName ?? $"group{g}" : "group?";
        string text = $"{encryption}/{hash}/{group}";
        ushort? auth = Basic(Phase1AttributeType.AuthenticationMethod);
        return auth == (ushort)Phase1AuthenticationMethod.PreSharedKey ? text : $"{text}/auth:{AuthName(auth)}";
    }

    public static string DescribeEsp(TransformPayload transform)
    {
        ushort? Basic(IpsecAttributeType type) => transform.Find(type) is { IsBasic: true } a ? a.BasicValue : null;

        ushort? keyLength = Basic(IpsecAttributeType.KeyLength);
        string encryption = AlgorithmCatalog.FindEncryptionByIkev1Esp(transform.TransformId, keyLength)?.ApiName
            ?? $"esp{transform.TransformId}{Bits(keyLength)}";
        string integrity = Basic(IpsecAttributeType.AuthenticationAlgorithm) is { } a ? AlgorithmCatalog.FindAuthByIkev1EspAuth(a)?.ApiName ?? $"auth{a}" : "none";
        string text = $"{encryption}/{integrity}";
        return Basic(IpsecAttributeType.GroupDescription) is { } g ? $"{text}/{AlgorithmCatalog.FindDhGroupById(g)?.ShortName ?? $"group{g}"}" : text;
    }

    private static string Bits(ushort? keyLength) => keyLength is { } bits ? bits.ToString(CultureInfo.InvariantCulture) : "";

    private static string AuthName(ushort? method) => method switch
    {
        (ushort)Phase1AuthenticationMethod.DssSignatures => "dss",
        (ushort)Phase1AuthenticationMethod.RsaSignatures => "rsasig",
        (ushort)Phase1AuthenticationMethod.RsaEncryption or (ushort)Phase1AuthenticationMethod.RevisedRsaEncryption => "rsaenc",
        >= (ushort)Phase1AuthenticationMethod.XauthInitiatorPreSharedKey and <= (ushort)Phase1AuthenticationMethod.XauthResponderRsa => "xauth",
        null => "none",
        { } other => other.ToString(CultureInfo.InvariantCulture),
    };
}
