using Ike.Encoding.V2.Payloads;
using Ike.Engine.Config;

namespace Ike.Engine.Sa;

/// <summary>
/// One CHILD SA pair as the IKE side knows it: SPIs, algorithms, selectors, timers. The keys live only in the ESP data
/// path (<see cref="Kernel.UserspaceIpsec"/>), which wipes them when the SA is removed.
/// </summary>
internal sealed class ChildSa
{
    public ChildSa(string name, ChildSuite suite, uint inboundSpi, uint outboundSpi,
        IReadOnlyList<TrafficSelector> localTs, IReadOnlyList<TrafficSelector> remoteTs, bool udpEncapsulated, DateTimeOffset installedAt)
    {
        Name = name;
        Suite = suite;
        InboundSpi = inboundSpi;
        OutboundSpi = outboundSpi;
        LocalTs = localTs;
        RemoteTs = remoteTs;
        UdpEncapsulated = udpEncapsulated;
        InstalledAt = installedAt;
    }

    public string Name { get; }

    public ChildSaState State { get; set; } = ChildSaState.Installed;

    public ChildSuite Suite { get; }

    /// <summary>The SPI the peer puts in packets to us (we chose it).</summary>
    public uint InboundSpi { get; }

    /// <summary>The SPI we put in packets to the peer (the peer chose it).</summary>
    public uint OutboundSpi { get; }

    public IReadOnlyList<TrafficSelector> LocalTs { get; }

    public IReadOnlyList<TrafficSelector> RemoteTs { get; }

    public bool UdpEncapsulated { get; }

    public DateTimeOffset InstalledAt { get; }

    public DateTimeOffset? RekeyAt { get; set; }

    /// <summary>Soft (rekey) and hard (expire) lifetime timers.</summary>
    public ITimer? RekeyTimer { get; set; }

    public ITimer? ExpireTimer { get; set; }

    public void StopTimers()
    {
        RekeyTimer?.Dispose();
        ExpireTimer?.Dispose();
        RekeyTimer = null;
        ExpireTimer = null;
    }

    public override string ToString() => $"{Name}{{{InboundSpi:x8}_i {OutboundSpi:x8}_o}}";
}
