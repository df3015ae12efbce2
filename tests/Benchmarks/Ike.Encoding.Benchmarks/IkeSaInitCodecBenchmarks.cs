using BenchmarkDotNet.Attributes;
using Ike.Encoding.V2;

namespace Ike.Encoding.Benchmarks;

/// <summary>
/// Decode and encode of an IKE_SA_INIT request (500 octets, no SK) against a plain copy of the same datagram into a
/// preallocated buffer: the Ratio column says how many memcpys of the message one decode or encode costs.
/// </summary>
[MemoryDiagnoser]
public class IkeSaInitCodecBenchmarks
{
    private IkeMessage _message = null!;
    private byte[] _datagram = [];
    private byte[] _copy = [];

    [GlobalSetup]
    public void Setup()
    {
        _message = RealisticMessages.IkeSaInitRequest();
        _datagram = IkeMessageCodec.Encode(_message, protection: null);
        _copy = new byte[_datagram.Length];
        DecodeResult check = IkeMessageCodec.Decode(_datagram, protection: null);
        if (!check.IsOk || !check.Message.Equals(_message))
        {
            throw new InvalidOperationException($"the IKE_SA_INIT request does not round-trip: {check}");
        }
    }

    [Benchmark(Baseline = true, Description = "memcpy of the datagram")]
    public int CopyDatagram()
    {
        _datagram.AsSpan().CopyTo(_copy);
        return _copy.Length;
    }

    [Benchmark(Description = "decode IKE_SA_INIT request")]
    public DecodeResult Decode() => IkeMessageCodec.Decode(_datagram, protection: null);

    [Benchmark(Description = "encode IKE_SA_INIT request")]
    public byte[] Encode() => IkeMessageCodec.Encode(_message, protection: null);
}
