using Ike.Encoding.V1;

namespace Ike.Encoding.Fuzz;

/// <summary>
/// The property under test for the IKEv1 codec: for any bytes, <see cref="IsakmpMessageCodec.Decode(ReadOnlySpan{byte}, IV1MessageProtection?, ReadOnlySpan{byte}, int?)"/>
/// returns a result and never throws; a result has the fields its status promises; the message rules of every
/// message number judge a decoded message without throwing; and a decoded message re-encodes into bytes that
/// decode to the same message, whose chain octets are exactly what <see cref="IsakmpMessageCodec.EncodeChain"/> writes.
/// </summary>
public static class IsakmpFuzzTarget
{
    private static readonly IsakmpPassThroughProtection Protection = new();
    private static readonly byte[] Iv = new byte[16];

    /// <summary>Runs one input; throws <see cref="FuzzFindingException"/> (or whatever the codec threw) on a finding.</summary>
    public static IsakmpDecodeResult Run(ReadOnlySpan<byte> input)
    {
        IsakmpDecodeResult withoutKeys = IsakmpMessageCodec.Decode(input);
        Check(withoutKeys, input.Length, protectionGiven: false);

        IsakmpDecodeResult withKeys = IsakmpMessageCodec.Decode(input, Protection, Iv);
        Check(withKeys, input.Length, protectionGiven: true);
        if (withKeys.Message is { } message)
        {
            for (int number = 0; number <= 7; number++)
            {
                IsakmpMessageRules.Check(message, number);
            }

            CheckRoundTrip(message, withKeys.Status);
        }

        return withKeys;
    }

    /// <summary>A short name of the outcome for the smoke runner's histogram.</summary>
    public static string Describe(IsakmpDecodeResult result) => result.Status switch
    {
        IsakmpDecodeStatus.Malformed => $"Malformed({result.MalformedReason})",
        IsakmpDecodeStatus.InvalidPayloadType => "InvalidPayloadType",
        IsakmpDecodeStatus.Ok => $"Ok({result.Message!.ExchangeType})",
        _ => result.Status.ToString(),
    };

    private static void Check(IsakmpDecodeResult result, int inputLength, bool protectionGiven)
    {
        bool consistent = result.Status switch
        {
            IsakmpDecodeStatus.Ok => result.Message is not null && result.Header is not null,
            IsakmpDecodeStatus.Malformed => result.MalformedReason is not null && result.MalformedOffset is { } offset && offset >= 0 && offset <= inputLength,
            IsakmpDecodeStatus.NeedsProtection => !protectionGiven,
            IsakmpDecodeStatus.InvalidMajorVersion => result.Header is { MajorVersion: not IsakmpHeader.CurrentMajorVersion },
            IsakmpDecodeStatus.InvalidMinorVersion => result.Header is { MinorVersion: not IsakmpHeader.CurrentMinorVersion },
            IsakmpDecodeStatus.InvalidExchangeType => result.Header is { } header && !IsakmpExchangeTypes.IsDefined(header.ExchangeType),
            IsakmpDecodeStatus.InvalidPayloadType => result.InvalidPayloadType is not null,
            // No message number is given here, so the rules are never applied by Decode.
            _ => false,
        };

        if (!consistent || (result.Status != IsakmpDecodeStatus.Ok && result.ErrorNotify is null && result.Status != IsakmpDecodeStatus.NeedsProtection))
        {
            throw new FuzzFindingException($"Inconsistent decode result {result} (protection: {protectionGiven}).");
        }
    }

    private static void CheckRoundTrip(IsakmpMessage message, IsakmpDecodeStatus status)
    {
        byte[] reencoded = message.IsEncrypted
            ? IsakmpMessageCodec.Encode(message, Protection, new byte[16])
            : IsakmpMessageCodec.Encode(message);
        IsakmpDecodeResult again = IsakmpMessageCodec.Decode(reencoded, Protection, Iv);
        if (again.Status != status || !message.Equals(again.Message))
        {
            throw new FuzzFindingException($"Round trip changed the message: {status} became {again}.");
        }

        byte[] chain = IsakmpMessageCodec.EncodeChain(again.Message!.Payloads);
        if (!again.Message.GetChainBytes(0).Span.SequenceEqual(chain))
        {
            throw new FuzzFindingException("The received chain octets of a re-encoded message differ from EncodeChain.");
        }
    }
}
