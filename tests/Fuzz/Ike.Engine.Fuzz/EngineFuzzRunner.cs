using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using Ike.Encoding.Fuzz;
using Ike.Encoding.V2;
using Ike.Engine.Api;
using Ike.Engine.Kernel;
using Ike.Engine.Sa;
using Ike.Engine.Transport;

namespace Ike.Engine.Fuzz;

/// <summary>
/// The fuzz loop. Each execution sends one datagram, chosen by one of the strategies below, into A or B and waits
/// until both engines are idle again. Findings: an exception that escaped into the engine loop's catch-all, a step
/// that does not finish within <see cref="FuzzLab.HangLimit"/> (a hang), and tables that outgrow their bounds or leak
/// (IKE SAs, half-open SAs, ESP pairs no CHILD SA owns, allocated SPIs), checked after letting the fake clock run the
/// cleanup timers. Deterministic for a seed, up to thread scheduling.
/// </summary>
internal sealed class EngineFuzzRunner
{
    private const int MaxSas = 64;
    private const int MaxAllocatedSpis = 256;
    private const int MaxSavedFindings = 20;

    private readonly Random _random;
    private readonly TrafficCapture _seeds;
    private readonly Mutator _bytes;
    private readonly PayloadMutator _payloads;
    private readonly string _findingsDirectory;
    private readonly SortedDictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _findings = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _events = new(StringComparer.Ordinal);
    private TableSizes _peak = new(0, 0, 0, 0, 0);
    private int _saved;

    public EngineFuzzRunner(int seed, TrafficCapture seeds, string findingsDirectory)
    {
        _random = new Random(seed);
        _seeds = seeds;
        _bytes = new Mutator(_random);
        _payloads = new PayloadMutator(_random, seeds.Messages);
        _findingsDirectory = findingsDirectory;
    }

    public async Task<int> RunAsync(long maxExecutions, TimeSpan maxDuration, int seed)
    {
        var log = new FailureLog();
        await using var lab = new FuzzLab(log);
        lab.B.LoadConnection(FuzzLab.Config(fromB: true) with { StartAction = StartAction.None });
        lab.A.LoadConnection(FuzzLab.Config(fromB: false));
        lab.A.LoadConnection(FuzzLab.Config(fromB: false, FuzzLab.Lonely, FuzzLab.Nobody, StartAction.None));
        await lab.SettleAsync(8);
        lab.A.EventRaised += e => _events.AddOrUpdate($"A {e.Type}", 1, (_, n) => n + 1);
        lab.B.EventRaised += e => _events.AddOrUpdate($"B {e.Type}", 1, (_, n) => n + 1);
        var clock = Stopwatch.StartNew();
        long executions = 0;
        bool hung = false;
        while (executions < maxExecutions && clock.Elapsed < maxDuration && !hung)
        {
            executions++;
            (string strategy, Datagram? input) = await NextInputAsync(lab);
            if (input is not { } datagram)
            {
                // no live SA (or no waiting initiator) to aim at right now: a byte-level input instead
                bool toA = _random.Next(2) == 0;
                (strategy, datagram) = ("mutated captured IKE (fallback)", Raw(toA ? FuzzLab.AddressB : FuzzLab.AddressA,
                    toA ? FuzzLab.AddressA : FuzzLab.AddressB, 4500, _bytes.Mutate(_seeds.IkeDatagrams), marker: true));
            }

            try
            {
                await lab.Network.DeliverAsync(datagram).WaitAsync(FuzzLab.HangLimit);
                await lab.SettleAsync();
                Count(strategy);
            }
            catch (TimeoutException)
            {
                Finding("hang: the engines did not become idle", strategy, datagram, null);
                hung = true;
            }

            foreach (Exception escaped in log.Drain())
            {
                Finding($"{escaped.GetType().Name}: {escaped.Message.Split('\n')[0]}", strategy, datagram, escaped);
            }

            if (executions % 250 == 0 && !hung)
            {
                hung = !await TickAsync(lab, executions);
            }
        }

        clock.Stop();
        Report(executions, clock.Elapsed, seed);
        return _findings.Count == 0 ? 0 : 1;
    }

    /// <summary>Lets time pass (rekeys, DPD, retransmissions, expiries), keeps the targets alive, and every few
    /// thousand executions checks the tables after the cleanup timers had their time.</summary>
    private async Task<bool> TickAsync(FuzzLab lab, long executions)
    {
        try
        {
            await lab.AdvanceAsync(TimeSpan.FromSeconds(_random.Next(1, 40)));
            if (_random.Next(4) == 0)
            {
                // keep an initiator waiting in IKE_SA_INIT for forged answers (its tries time out on their own)
                _ = lab.A.InitiateAsync(FuzzLab.Lonely);
            }

            if (!await lab.A.InspectAsync(core => core.Sas.Any(sa => sa.Connection.Name == FuzzLab.Tunnel)))
            {
                // an authentic hostile Delete ended the tunnel (re-initiation by itself follows only a dead peer)
                _ = lab.A.InitiateAsync(FuzzLab.Tunnel);
            }

            if (executions % 1000 == 0)
            {
                _peak = _peak.Max(await FuzzLab.MeasureAsync(lab.A)).Max(await FuzzLab.MeasureAsync(lab.B));
            }

            if (executions % 5000 == 0)
            {
                // long enough for half-open timeouts, Delete timeouts and give-ups to have run
                await lab.AdvanceAsync(TimeSpan.FromMinutes(2));
                await CheckTablesAsync(lab.A, "A");
                await CheckTablesAsync(lab.B, "B");
            }

            return true;
        }
        catch (TimeoutException)
        {
            Finding("hang: timers did not settle", "tick", null, null);
            return false;
        }
    }

    private async Task CheckTablesAsync(IkeEngine engine, string name)
    {
        TableSizes sizes = await FuzzLab.MeasureAsync(engine);
        _peak = _peak.Max(sizes);
        if (sizes.Sas > MaxSas || sizes.HalfOpen > FuzzLab.Timing.CookieThreshold + 1 || sizes.OrphanPairs > 0 || sizes.AllocatedSpis > MaxAllocatedSpis)
        {
            Finding($"growth on {name}: {sizes}", "tables", null, null);
        }
    }

    private async Task<(string Strategy, Datagram? Input)> NextInputAsync(FuzzLab lab)
    {
        bool toA = _random.Next(2) == 0;
        IkeEngine target = toA ? lab.A : lab.B;
        IPAddress self = toA ? FuzzLab.AddressA : FuzzLab.AddressB;
        IPAddress peer = toA ? FuzzLab.AddressB : FuzzLab.AddressA;
        int port = _random.Next(2) == 0 ? 500 : 4500;
        switch (_random.Next(20))
        {
            case 0 or 1:
                return ("random bytes", Raw(peer, self, port, _bytes.RandomDatagram(), marker: _random.Next(2) == 0));
            case 2 or 3 or 4 or 5:
                return ("mutated captured IKE", Raw(peer, self, port, await WithLiveSpis(target, _bytes.Mutate(_seeds.IkeDatagrams)), marker: true));
            case 6 or 7 or 8 or 9 or 10 or 11 or 12:
                return ("authentic hostile IKE", await AuthenticAsync(target));
            case 13 or 14:
                return ("forged IKE_SA_INIT answer", await ForgedInitAnswerAsync(lab));
            case 15 or 16:
                byte[] init = _bytes.Mutate([.. _seeds.IkeDatagrams.Where(d => d.Length > 18 && d[18] == (byte)ExchangeType.IkeSaInit)]);
                // from A's address (B negotiates only with addresses it has a connection for), from other ports too
                var from = new IPEndPoint(FuzzLab.AddressA, _random.Next(3) == 0 ? _random.Next(1024, 65536) : 500);
                return ("mutated IKE_SA_INIT request", new Datagram(from, new IPEndPoint(FuzzLab.AddressB, 500), init));
            case 17:
                return ("mutated captured ESP", Raw(peer, self, 4500, _bytes.Mutate(_seeds.EspDatagrams.Count > 0 ? _seeds.EspDatagrams : _seeds.IkeDatagrams), marker: false));
            default:
                return ("authentic ESP, hostile inner packet", await AuthenticEspAsync(toA ? lab.B : lab.A));
        }
    }

    private static Datagram Raw(IPAddress from, IPAddress to, int port, byte[] payload, bool marker)
    {
        byte[] framed = marker && port == 4500 ? [0, 0, 0, 0, .. payload] : payload;
        return new Datagram(new IPEndPoint(from, port), new IPEndPoint(to, port), framed);
    }

    /// <summary>Half of the byte-mutated IKE messages get the SPIs of a live SA, so they reach its ICV check and task
    /// manager instead of the unknown-SPI path.</summary>
    private async Task<byte[]> WithLiveSpis(IkeEngine target, byte[] datagram)
    {
        if (datagram.Length < 16 || _random.Next(2) == 0)
        {
            return datagram;
        }

        (ulong I, ulong R)[] spis = await target.InspectAsync(core => core.Sas.Select(sa => (sa.InitiatorSpi, sa.ResponderSpi)).ToArray());
        if (spis.Length > 0)
        {
            (ulong i, ulong r) = spis[_random.Next(spis.Length)];
            BinaryPrimitives.WriteUInt64BigEndian(datagram, i);
            BinaryPrimitives.WriteUInt64BigEndian(datagram.AsSpan(8), r);
        }

        return datagram;
    }

    private Task<Datagram?> AuthenticAsync(IkeEngine target) => target.InspectAsync<Datagram?>(core =>
    {
        // mostly at established SAs (the interesting state); now and then at one still in IKE_AUTH or being deleted
        List<IkeSa> keyed = [.. core.Sas.Where(sa => sa.HasKeys && (sa.State == IkeSaState.Established || _random.Next(8) == 0))];
        if (keyed.Count == 0)
        {
            return null;
        }

        IkeSa sa = keyed[_random.Next(keyed.Count)];
        IkeMessage message = _payloads.Build(sa);
        MessageProtection? peers = sa.IsOriginalInitiator ? sa.FromResponder : sa.FromInitiator;
        byte[] packet;
        try
        {
            packet = IkeMessageCodec.Encode(message, peers);
        }
        catch (ArgumentException)
        {
            // the harness built something the codec refuses to write (e.g. a payload over 64 KiB): not a finding
            return null;
        }

        if (_random.Next(16) == 0)
        {
            packet[_random.Next(packet.Length)] ^= (byte)(1 << _random.Next(8)); // and now and then it is broken after all
        }

        return new Datagram(sa.Remote, sa.Local, IkeFraming.Frame(packet, sa.Remote, sa.Local));
    });

    private async Task<Datagram?> ForgedInitAnswerAsync(FuzzLab lab)
    {
        ulong[] waiting = await lab.A.InspectAsync(core =>
            core.Sas.Where(sa => sa.Connection.Name == FuzzLab.Lonely && !sa.HasKeys).Select(sa => sa.InitiatorSpi).ToArray());
        if (waiting.Length == 0)
        {
            return null;
        }

        IkeMessage forged = _payloads.BuildInitResponse(waiting[_random.Next(waiting.Length)]);
        byte[] packet;
        try
        {
            packet = IkeMessageCodec.Encode(forged, null);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return new Datagram(new IPEndPoint(FuzzLab.Nobody, 500), new IPEndPoint(FuzzLab.AddressA, 500), packet);
    }

    /// <summary>ESP the receiver can open (made by the sender's own data path for a live pair) carrying random or
    /// mutated inner packets: the engine must ignore whatever is not an echo it expects or answers.</summary>
    private Task<Datagram?> AuthenticEspAsync(IkeEngine sender) => sender.InspectAsync<Datagram?>(core =>
    {
        List<ChildSa> children = [.. core.Sas.SelectMany(sa => sa.Children)];
        if (children.Count == 0)
        {
            return null;
        }

        ChildSa child = children[_random.Next(children.Count)];
        byte[] inner = _random.Next(3) == 0 ? _bytes.RandomDatagram() : Ipv4Echo(child);
        OutboundEsp? esp = core.Services.Kernel.Encapsulate(child.InboundSpi, inner);
        return esp is null ? null : new Datagram(esp.Local, esp.Remote, esp.Packet);
    });

    /// <summary>An IPv4 ICMP echo request between the pair's selectors, then byte-mutated half of the time.</summary>
    private byte[] Ipv4Echo(ChildSa child)
    {
        byte[] packet = Ipsec.Esp.Packets.IcmpEchoProbe.BuildRequest(IPAddress.Parse("10.2.0.9"), IPAddress.Parse("10.1.0.9"),
            (ushort)_random.Next(65536), (ushort)_random.Next(65536), Enumerable.Range(0, _random.Next(64)).Select(i => (byte)i).ToArray(), 0);
        return _random.Next(2) == 0 ? packet : _bytes.Mutate([packet]);
    }

    private void Count(string outcome) => _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;

    private void Finding(string signature, string strategy, Datagram? input, Exception? exception)
    {
        _findings[signature] = _findings.GetValueOrDefault(signature) + 1;
        if (_saved >= MaxSavedFindings)
        {
            return;
        }

        Directory.CreateDirectory(_findingsDirectory);
        string text = $"{signature}\nstrategy: {strategy}\n{exception}\n\n" +
            (input is { } d ? $"{d.Local} -> {d.Remote}\n{Convert.ToHexStringLower(d.Payload.Span)}\n" : "");
        File.WriteAllText(Path.Combine(_findingsDirectory, $"engine-finding-{_saved++:D2}.txt"), text);
    }

    private void Report(long executions, TimeSpan elapsed, int seed)
    {
        Console.WriteLine($"target: IKEv2 engine (A initiator, B responder), executions: {executions}, seconds: {elapsed.TotalSeconds:F1}, " +
            $"exec/s: {executions / Math.Max(elapsed.TotalSeconds, 0.001):F0}, seed: {seed}");
        Console.WriteLine("inputs:");
        foreach ((string outcome, long count) in _outcomes)
        {
            Console.WriteLine($"  {count,10}  {outcome}");
        }

        Console.WriteLine($"peak tables: {_peak}");
        Console.WriteLine("engine events:");
        foreach ((string type, long count) in _events.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {count,10}  {type}");
        }

        Console.WriteLine($"findings: {_findings.Values.Sum()} ({_findings.Count} distinct)");
        foreach ((string signature, long count) in _findings)
        {
            Console.WriteLine($"  {count,10}  {signature}");
        }

        if (_saved > 0)
        {
            Console.WriteLine($"inputs saved in {Path.GetFullPath(_findingsDirectory)}");
        }
    }
}
