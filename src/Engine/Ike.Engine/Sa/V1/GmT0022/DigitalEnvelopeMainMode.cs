using System.Security.Cryptography;
using Ike.Encoding;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Config;
using Ike.Engine.Config.V1;
using Ike.Engine.Sa.Certificates;
using Ike.Engine.Sa.V1.Tasks;
using Ipsec.Certificates;
using Ipsec.Crypto.Sm;
using Org.BouncyCastle.X509;
using Diag = Ike.Engine.Diagnostics.Ikev1Diagnostics;

namespace Ike.Engine.Sa.V1.GmT0022;

/// <summary>
/// GM/T 0022 phase 1 main mode with the SM2 digital envelope (ISAKMP 1.1), as the public descriptions of the standard
/// give it:
/// <code>
///  Initiator                                          Responder
///  HDR, SA                                      --&gt;
///                                               &lt;--  HDR, SA, CERT_sig_r, CERT_enc_r
///  HDR, SK, Ni, IDi, CERT_sig_i, CERT_enc_i, SIG_i --&gt;
///                                               &lt;--  HDR, SK, Nr, IDr, SIG_r
///  HDR*, HASH_I                                 --&gt;
///                                               &lt;--  HDR*, HASH_R
/// </code>
/// SK is the symmetric key payload (Sk_i / Sk_r SM2-encrypted to the peer's encryption certificate); Ni/IDi and Nr/IDr
/// travel SM4-encrypted under that key (<see cref="DigitalEnvelope"/>). SIG_i = SM2 signature (default Z, GB/T 32918.2)
/// of Sk_i | Ni_b | IDi_b | CERT_enc_i, SIG_r likewise with the responder's values (the summaries list those inputs; we
/// sign the plaintexts, so a signature proves the signer knew them, and the encryption certificate as DER). There is no
/// Diffie-Hellman exchange: SKEYID comes from the nonces (<see cref="Phase1.DeriveEnvelopeKeys"/>), and HASH_I/HASH_R
/// are RFC 2409 §5's with g^xi/g^xr empty. The responder sends its certificates in message 2 because the initiator
/// needs the encryption certificate to seal message 3.
/// </summary>
internal abstract class DigitalEnvelopeMainMode : Phase1Task
{
    private protected DigitalEnvelopeMainMode(IsakmpSa sa)
        : base(sa)
    {
    }

    public override IsakmpTaskType Type => IsakmpTaskType.MainMode;

    /// <summary>Our nonce and identity body as sent inside the envelope (HASH_I/HASH_R cover the identity body).</summary>
    protected byte[] OurNonce { get; set; } = [];

    protected byte[] PeerNonce { get; set; } = [];

    protected IdPayload? OurId { get; set; }

    protected IdPayload? PeerId { get; set; }

    /// <summary>The peer's signing certificate (verifies its SIG) and encryption key (seals our envelope).</summary>
    protected X509Certificate? PeerSigning { get; set; }

    protected X509Certificate? PeerEncryption { get; set; }

    protected LoadedCertificates Certificates => Sa.Connection.Certificates
        ?? throw new InvalidOperationException("a GM/T 0022 SA belongs to a certificate connection");

    private EngineServices Services => Sa.Host.Services;

    public static DigitalEnvelopeMainMode ForInitiator(IsakmpSa sa) => new Initiator(sa);

    public static DigitalEnvelopeMainMode ForResponder(IsakmpSa sa) => new Responder(sa);

    /// <summary>CERT_sig and CERT_enc: encodings 4 and 5 of RFC 2408 §3.9, GM/T 0022's dual certificates.</summary>
    protected void AddOurCertificates(IsakmpMessageBuilder message)
    {
        message.Add(new CertPayload((CertificateEncoding)SmIdentifiers.CertificateEncodingSigning, Certificates.SigningCertificateDer));
        message.Add(new CertPayload((CertificateEncoding)SmIdentifiers.CertificateEncodingEncryption, Certificates.Credentials.EncryptionCertificate.GetEncoded()));
    }

    /// <summary>Checks the peer's two certificates against the peer CA; null when both pass.</summary>
    protected string? TakePeerCertificates(IsakmpMessage message)
    {
        CertPayload? signing = message.FindAll<CertPayload>().FirstOrDefault(c => (byte)c.Encoding == SmIdentifiers.CertificateEncodingSigning);
        CertPayload? encryption = message.FindAll<CertPayload>().FirstOrDefault(c => (byte)c.Encoding == SmIdentifiers.CertificateEncodingEncryption);
        if (signing is null || encryption is null)
        {
            return $"peer did not send both its signing (encoding {SmIdentifiers.CertificateEncodingSigning}) and encryption "
                + $"(encoding {SmIdentifiers.CertificateEncodingEncryption}) certificates (GM/T 0022 dual certificates)";
        }

        TimeProvider clock = Services.Time;
        if (!SmPeerCertificates.TryCheckCertificate(Certificates, signing.Data.Span, SmCertificateUsage.Signing, clock, out X509Certificate? signingCertificate, out string? problem)
            || !SmPeerCertificates.TryCheckCertificate(Certificates, encryption.Data.Span, SmCertificateUsage.Encryption, clock, out X509Certificate? encryptionCertificate, out problem))
        {
            return problem;
        }

        if (!X500NameMatching.AreEqual(signingCertificate.SubjectDN, encryptionCertificate.SubjectDN))
        {
            return $"peer's signing certificate {DistinguishedNames.Describe(signingCertificate.SubjectDN)} and encryption certificate "
                + $"{DistinguishedNames.Describe(encryptionCertificate.SubjectDN)} name different gateways";
        }

        PeerSigning = signingCertificate;
        PeerEncryption = encryptionCertificate;
        return null;
    }

    /// <summary>SK, N, ID (enveloped) and SIG of message 3 or 4: a fresh key sealed to the peer's encryption certificate.</summary>
    protected void AddEnvelope(IsakmpMessageBuilder message, bool withCertificates)
    {
        IkeSuiteGuard();
        SmCertificateKeys.TryGetPublicKey(PeerEncryption!, out Sm2PublicKey? peerKey);
        byte[] key = DigitalEnvelope.NewKey(Sa.Suite!.Encryption, Services.Random);
        try
        {
            OurNonce = Services.NewNonce();
            OurId = IdPayload.ForDistinguishedName(Certificates.LocalName.GetDerEncoded());
            byte[] idBody = OurId.EncodedBody.ToArray();
            message.Add(DigitalEnvelope.SealKey(peerKey!, key, Services.Random));
            message.Add(DigitalEnvelope.Seal(IsakmpPayloadType.Nonce, OurNonce, Sa.Suite.Encryption, key, Services.Random));
            message.Add(DigitalEnvelope.Seal(IsakmpPayloadType.Identification, idBody, Sa.Suite.Encryption, key, Services.Random));
            if (withCertificates)
            {
                AddOurCertificates(message);
            }

            byte[] signed = SignedOctets(key, OurNonce, idBody, Certificates.Credentials.EncryptionCertificate.GetEncoded());
            message.Add(new SignaturePayload(Sm2Signature.Sign(Certificates.Credentials.SigningKey, signed, Sm2SignatureEncoding.Der, Services.Random)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Opens the peer's envelope (message 3 or 4) and checks its signature and identity; null when all holds.</summary>
    protected string? OpenEnvelope(IsakmpMessage message)
    {
        IkeSuiteGuard();
        if (!DigitalEnvelope.TryOpenKey(message, Certificates.Credentials.EncryptionKey, Sa.Suite!.Encryption, out byte[]? key))
        {
            return "the peer's symmetric key payload does not open with our encryption key: it sealed the envelope to another "
                + $"certificate than ours ({DistinguishedNames.Describe(Certificates.Credentials.EncryptionCertificate.SubjectDN)})";
        }

        try
        {
            var nonce = message.FindAll<EnvelopedPayload>().FirstOrDefault(p => p.Type == IsakmpPayloadType.Nonce);
            var id = message.FindAll<EnvelopedPayload>().FirstOrDefault(p => p.Type == IsakmpPayloadType.Identification);
            if (nonce is null || id is null || !DigitalEnvelope.TryOpen(nonce, Sa.Suite.Encryption, key, out byte[]? nonceBody)
                || !DigitalEnvelope.TryOpen(id, Sa.Suite.Encryption, key, out byte[]? idBody))
            {
                return "the peer's enveloped nonce or identity does not decrypt under its symmetric key";
            }

            IdPayload peerId;
            try
            {
                peerId = IdPayload.Read(idBody);
                NoncePayload.Read(nonceBody);
            }
            catch (IkeMalformedException malformed)
            {
                return $"the peer's enveloped nonce or identity is malformed ({malformed.Reason})";
            }

            byte[] signed = SignedOctets(key, nonceBody, idBody, PeerEncryption!.GetEncoded());
            SignaturePayload? signature = message.Find<SignaturePayload>();
            SmCertificateKeys.TryGetPublicKey(PeerSigning!, out Sm2PublicKey? peerKey);
            if (signature is null || !Sm2Signature.Verify(peerKey!, signed, signature.Data.Span, Sm2SignatureEncoding.Der))
            {
                return $"the SM2 signature of {DistinguishedNames.Describe(PeerSigning!.SubjectDN)} over its envelope does not verify";
            }

            if (SmPeerCertificates.CheckIdentity(Certificates, PeerSigning!, peerId.IdType, peerId.Data, Ikev1Identities.Describe(peerId)) is { } mismatch)
            {
                return mismatch;
            }

            PeerNonce = nonceBody;
            PeerId = peerId;
            Sa.PeerId = peerId;
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    protected TaskStatus FailAuthentication(string detail) =>
        Fail(Diag.LocalFailure(Diag.MainMode, "AUTHENTICATION-FAILED", detail), IsakmpNotifyType.AuthenticationFailed);

    /// <summary>Sk | N_b | ID_b | CERT_enc: what SIG_i / SIG_r sign.</summary>
    private static byte[] SignedOctets(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> idBody, ReadOnlySpan<byte> encryptionCertificate) =>
        [.. key, .. nonce, .. idBody, .. encryptionCertificate];

    private void IkeSuiteGuard()
    {
        if (Sa.Suite is null)
        {
            throw new InvalidOperationException("the envelope needs the negotiated cipher");
        }
    }

    private sealed class Initiator(IsakmpSa sa) : DigitalEnvelopeMainMode(sa)
    {
        public override TaskStatus Build(IsakmpMessageBuilder message)
        {
            switch (message.Number)
            {
                case 1:
                    message.Add(Keying.OurProposal());
                    break;
                case 3:
                    AddEnvelope(message, withCertificates: true);
                    break;
                case 5:
                    message.Add(new HashPayload(Keying.HashI(OurId!)));
                    break;
            }

            return TaskStatus.NeedMore;
        }

        public override TaskStatus Process(IsakmpMessage message, int number)
        {
            switch (number)
            {
                case 2:
                    var answer = message.Find<SaPayload>()!;
                    Keying.Suite = Ikev1Proposals.AcceptPhase1(Sa.Connection.IkeOffer, answer, digitalEnvelope: true);
                    if (Keying.Suite is null)
                    {
                        return Fail(Diag.InvalidProposalAnswer(Diag.MainMode, Ikev1TransformNames.Describe(answer), Sa.Connection.IkeOffer.ToString()));
                    }

                    return TakePeerCertificates(message) is { } refused ? FailAuthentication(refused) : TaskStatus.NeedMore;
                case 4:
                    if (OpenEnvelope(message) is { } failure)
                    {
                        return FailAuthentication(failure);
                    }

                    Keying.DeriveEnvelopeKeys(OurNonce, PeerNonce);
                    return TaskStatus.NeedMore;
                case 6:
                    return Phase1.Verify(message.Find<HashPayload>(), Keying.HashR(PeerId!))
                        ? TaskStatus.Done
                        : FailAuthentication("HASH_R does not verify: the responder derived other keys from the enveloped nonces");
                default:
                    return TaskStatus.NeedMore;
            }
        }
    }

    private sealed class Responder(IsakmpSa sa) : DigitalEnvelopeMainMode(sa)
    {
        private SaPayload? _answer;

        public override TaskStatus Process(IsakmpMessage message, int number)
        {
            switch (number)
            {
                case 1:
                    return SelectMainModeConnection(message.Find<SaPayload>()!, out _answer);
                case 3:
                    string? failure = TakePeerCertificates(message) ?? OpenEnvelope(message);
                    return failure is null ? TaskStatus.NeedMore : FailAuthentication(failure);
                case 5:
                    return Phase1.Verify(message.Find<HashPayload>(), Keying.HashI(PeerId!))
                        ? TaskStatus.NeedMore
                        : FailAuthentication("HASH_I does not verify: the initiator derived other keys from the enveloped nonces");
                default:
                    return TaskStatus.NeedMore;
            }
        }

        public override TaskStatus Build(IsakmpMessageBuilder message)
        {
            switch (message.Number)
            {
                case 2:
                    message.Add(_answer!);
                    AddOurCertificates(message);
                    break;
                case 4:
                    AddEnvelope(message, withCertificates: false);
                    Keying.DeriveEnvelopeKeys(PeerNonce, OurNonce);
                    break;
                case 6:
                    message.Add(new HashPayload(Keying.HashR(OurId!)));
                    return TaskStatus.Done;
            }

            return TaskStatus.NeedMore;
        }
    }
}
