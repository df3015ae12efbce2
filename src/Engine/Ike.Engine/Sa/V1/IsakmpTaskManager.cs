using System.Buffers.Binary;
using System.Net;
using Ike.Encoding;
using Ike.Encoding.V1;
using Ike.Encoding.V1.Payloads;
using Ike.Engine.Api;
using Ike.Engine.Diagnostics;
using Ike.Engine.Sa.V1.Tasks;
using Ike.Engine.Timing;
using Ipsec.Crypto.Kdf;
using Microsoft.Extensions.Logging;
using Diag = Ike.Engine.Diagnostics.Ikev1Diagnostics;

namespace Ike.Engine.Sa.V1;

/// <summary>
/// Runs the exchanges of one ISAKMP SA (strongSwan's task_manager_v1): the phase 1 exchange and the quick modes by
/// M-ID, each with its own CBC chain; which message number comes next and who sends it; retransmission of our last
/// message until the next one arrives (RFC 2408 has no acknowledgements: the answer is the next message), answering a
/// repeated message with our last one again; quick mode requests that arrive before phase 1 completed are held, not
/// lost; informational messages protected by HASH(1) (RFC 2409 §5.7).
/// </summary>
internal sealed class IsakmpTaskManager : IDisposable
{
    /// <summary>Quick mode requests held while phase 1 completes (strongSwan sends its first one right behind
    /// aggressive mode's third message).</summary>
    private const int MaxHeldQuickModes = 4;

    /// <summary>Finished quick modes kept to answer a repeated last message, oldest forgotten first.</summary>
    private const int MaxFinishedQuickModes = 16;

    private readonly IsakmpSa _sa;
    private readonly Dictionary<uint, IsakmpExchange> _quickModes = [];
    private readonly Queue<uint> _finishedQuickModes = new();
    private readonly List<(ReadOnlyMemory<byte> Bytes, IPEndPoint Local, IPEndPoint Remote)> _held = [];

    public IsakmpTaskManager(IsakmpSa sa) => _sa = sa;

    public IsakmpExchange? Phase1 { get; private set; }

    /// <summary>Quick modes under way (not finished, not failed).</summary>
    public IEnumerable<IsakmpExchange> ActiveQuickModes => _quickModes.Values.Where(e => !e.IsComplete && !e.IsDead);

    private IIsakmpHost Host => _sa.Host;

    private ILogger Log => Host.Services.Log;

    /// <summary>We start phase 1: message 1 goes out now.</summary>
    public void StartPhase1(IReadOnlyList<IIsakmpTask> tasks)
    {
        IsakmpExchangeType type = _sa.IsAggressive ? IsakmpExchangeType.Aggressive : IsakmpExchangeType.IdentityProtection;
        Phase1 = new IsakmpExchange(type, 0, weInitiated: true, tasks, Host.Services.Timing);
        _sa.State = IkeSaState.Connecting;
        SendNext(Phase1, 1);
    }

    /// <summary>The peer started phase 1 with <paramref name="first"/> (already checked to be a well-formed message 1).</summary>
    public void AcceptPhase1(IsakmpExchangeType type, IReadOnlyList<IIsakmpTask> tasks, ReadOnlyMemory<byte> first, IPEndPoint local, IPEndPoint remote)
    {
        Phase1 = new IsakmpExchange(type, 0, weInitiated: false, tasks, Host.Services.Timing);
        _sa.State = IkeSaState.Connecting;
        Receive(Phase1, first, local, remote);
    }

    /// <summary>Starts a quick mode of ours with a fresh random M-ID.</summary>
    public void StartQuickMode(IReadOnlyList<IIsakmpTask> tasks)
    {
        var exchange = new IsakmpExchange(IsakmpExchangeType.QuickMode, NewMessageId(), weInitiated: true, tasks, Host.Services.Timing);
        exchange.Iv = _sa.Phase2Iv(exchange.MessageId);
        _quickModes[exchange.MessageId] = exchange;
        SendNext(exchange, 1);
    }

    /// <summary>Handles one datagram for this SA (without the non-ESP marker).</summary>
    public void OnMessage(IsakmpHeader header, ReadOnlyMemory<byte> bytes, IPEndPoint local, IPEndPoint remote)
    {
        switch (header.ExchangeType)
        {
            case IsakmpExchangeType.IdentityProtection or IsakmpExchangeType.Aggressive:
                if (Phase1 is null || Phase1.Type != header.ExchangeType || header.MessageId != 0)
                {
                    Drop(header, "not the phase 1 exchange of this SA");
                    return;
                }

                Receive(Phase1, bytes, local, remote);
                return;
            case IsakmpExchangeType.QuickMode:
                OnQuickMode(header, bytes, local, remote);
                return;
            case IsakmpExchangeType.Informational:
                OnInformational(header, bytes, local, remote);
                return;
            default:
                Drop(header, "an exchange this engine does not run");
                return;
        }
    }

    /// <summary>
    /// Sends an informational message (RFC 2409 §5.7): under a completed phase 1 protected as
    /// HDR*, HASH(1), N/D with HASH(1) = prf(SKEYID_a, M-ID | N/D); before that, in clear (the peer could not check a
    /// hash made with keys it may not share).
    /// </summary>
    public void SendInformational(IReadOnlyList<IsakmpPayload> payloads)
    {
        uint messageId = NewMessageId();
        byte[] packet;
        if (_sa.HasKeys && _sa.LastPhase1Block.Length > 0)
        {
            byte[] hash = KeyMaterialV1.ComputeMessageHash(_sa.Prf!, _sa.Keys.SkeyIdA, messageId, IsakmpMessageCodec.EncodeChain(payloads));
            var message = new IsakmpMessage(_sa.InitiatorCookie, _sa.ResponderCookie, IsakmpExchangeType.Informational, IsakmpHeaderFlags.Encryption,
                messageId, [new HashPayload(hash), .. payloads]) { MinorVersion = _sa.MinorVersion };
            byte[] iv = _sa.Phase2Iv(messageId);
            packet = IsakmpMessageCodec.Encode(message, _sa.Protection!, iv);
        }
        else
        {
            packet = IsakmpMessageCodec.Encode(new IsakmpMessage(_sa.InitiatorCookie, _sa.ResponderCookie, IsakmpExchangeType.Informational,
                IsakmpHeaderFlags.None, messageId, payloads) { MinorVersion = _sa.MinorVersion });
        }

        EngineLog.V1MessageSent(Log, _sa.Describe(), Diag.Informational, 1, messageId, packet.Length);
        Host.Send(_sa, packet);
    }

    /// <summary>Phase 1 is complete: quick mode requests that came early are processed now, in their order.</summary>
    public void ReleaseHeld()
    {
        List<(ReadOnlyMemory<byte> Bytes, IPEndPoint Local, IPEndPoint Remote)> held = [.. _held];
        _held.Clear();
        foreach ((ReadOnlyMemory<byte> bytes, IPEndPoint local, IPEndPoint remote) in held)
        {
            if (_sa.State == IkeSaState.Destroyed)
            {
                return;
            }

            if (IsakmpHeader.TryRead(bytes.Span, out IsakmpHeader header))
            {
                OnMessage(header, bytes, local, remote);
            }
        }
    }

    /// <summary>Gives up one quick mode (the peer refused it with a notify).</summary>
    public void Abandon(IsakmpExchange exchange)
    {
        exchange.IsDead = true;
        exchange.StopTimer();
        DisposeTasks(exchange);
    }

    /// <summary>Gives up the quick modes of ours still waiting (the SA is being deleted or replaced).</summary>
    public void AbandonQuickModes()
    {
        foreach (IsakmpExchange exchange in ActiveQuickModes.ToList())
        {
            exchange.IsDead = true;
            exchange.StopTimer();
            DisposeTasks(exchange);
        }
    }

    public void Dispose()
    {
        foreach (IsakmpExchange exchange in _quickModes.Values.Append(Phase1).OfType<IsakmpExchange>())
        {
            exchange.StopTimer();
            DisposeTasks(exchange);
        }

        _quickModes.Clear();
        _held.Clear();
    }

    private void OnQuickMode(IsakmpHeader header, ReadOnlyMemory<byte> bytes, IPEndPoint local, IPEndPoint remote)
    {
        if (header.MessageId == 0)
        {
            Drop(header, "quick mode with M-ID 0");
            return;
        }

        if (!_sa.IsEstablished)
        {
            // RFC 2409 §5.5 runs quick mode under a complete phase 1; the last phase 1 message may still be on its way or
            // in our queue behind this one (strongSwan sends QM1 right after aggressive mode's third message)
            if (_sa.State == IkeSaState.Connecting && _sa.HasKeys && _held.Count < MaxHeldQuickModes)
            {
                EngineLog.V1QuickModeHeld(Log, _sa.Describe());
                _held.Add((bytes.ToArray(), local, remote));
            }
            else
            {
                Drop(header, "quick mode before phase 1 completed");
            }

            return;
        }

        if (!_quickModes.TryGetValue(header.MessageId, out IsakmpExchange? exchange))
        {
            if (_sa.State is not (IkeSaState.Established or IkeSaState.Rekeying or IkeSaState.Rekeyed))
            {
                Drop(header, $"new quick mode on an SA that is {_sa.State}");
                return;
            }

            exchange = new IsakmpExchange(IsakmpExchangeType.QuickMode, header.MessageId, weInitiated: false,
                [QuickMode.ForResponder(_sa)], Host.Services.Timing)
            {
                Iv = _sa.Phase2Iv(header.MessageId),
            };
            IsakmpDecodeResult first = IsakmpMessageCodec.Decode(bytes.Span, _sa.Protection, exchange.Iv, 1, _sa.MinorVersion);
            if (!first.IsOk)
            {
                // not a quick mode request we can read: forget it, do not let garbage take an M-ID
                Drop(header, first.ToString());
                return;
            }

            _quickModes[header.MessageId] = exchange;
        }

        Receive(exchange, bytes, local, remote);
    }

    private void OnInformational(IsakmpHeader header, ReadOnlyMemory<byte> bytes, IPEndPoint local, IPEndPoint remote)
    {
        if (!header.IsEncrypted)
        {
            OnClearInformational(header, bytes);
            return;
        }

        if (!_sa.HasKeys || header.MessageId == 0)
        {
            Drop(header, "protected informational without keys or M-ID");
            return;
        }

        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(bytes.Span, _sa.Protection, _sa.Phase2Iv(header.MessageId), 1, _sa.MinorVersion);
        if (!result.IsOk)
        {
            if (!_sa.IsEstablished && Phase1 is { IsDead: false } phase1 && AuthenticationSent(phase1))
            {
                // the peer answered our authentication with a protected error we cannot open: its keys differ from ours
                FailPhase1(Diag.AuthenticationFailedPeer(Diag.ExchangeName(phase1.Type), _sa.Connection.Config.LocalId, _sa.Connection.Config.RemoteId));
                return;
            }

            Drop(header, result.ToString());
            return;
        }

        IsakmpMessage message = result.Message;
        byte[] expected = KeyMaterialV1.ComputeMessageHash(_sa.Prf!, _sa.Keys.SkeyIdA, message.MessageId, message.GetChainBytes(1).Span);
        if (message.Payloads[0] is not HashPayload hash || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(hash.Data.Span, expected))
        {
            Drop(header, "HASH(1) does not verify");
            return;
        }

        Host.OnProtectedMessageFrom(_sa, local, remote);
        Host.OnInformational(_sa, message);
    }

    /// <summary>An informational in clear can only be a peer's error during phase 1, before it shares keys with us
    /// (RFC 2409 §5.7: "without an accompanying HASH payload"); after phase 1 it proves nothing and is ignored.</summary>
    private void OnClearInformational(IsakmpHeader header, ReadOnlyMemory<byte> bytes)
    {
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(bytes.Span, null, default, 1, _sa.MinorVersion);
        if (!result.IsOk || _sa.IsEstablished || Phase1 is null || Phase1.IsDead)
        {
            Drop(header, result.IsOk ? "unprotected informational outside phase 1" : result.ToString());
            return;
        }

        if (result.Message.Notifications.FirstOrDefault(n => n.IsError) is not { } error)
        {
            return;
        }

        string exchange = Diag.ExchangeName(Phase1.Type);
        EngineLog.V1NotifyReceived(Log, _sa.Describe(), Diag.NotifyName(error.NotifyType), $"{exchange} message {Phase1.LastNumber}");
        bool authenticationSent = AuthenticationSent(Phase1);
        NegotiationDiagnostic failure = error.NotifyType switch
        {
            IsakmpNotifyType.NoProposalChosen => Diag.NoProposalChosenPeer(exchange, _sa.Connection.IkeOffer.ToString()),
            _ when authenticationSent || error.NotifyType is IsakmpNotifyType.AuthenticationFailed or IsakmpNotifyType.InvalidIdInformation
                or IsakmpNotifyType.InvalidHashInformation =>
                Diag.AuthenticationFailedPeer(exchange, _sa.Connection.Config.LocalId, _sa.Connection.Config.RemoteId),
            _ => Diag.PeerNotify(exchange, error.NotifyType, $"peer refused {exchange} message {Phase1.LastNumber}"),
        };
        FailPhase1(failure);
    }

    /// <summary>The message that carries our part of the exchange, or the peer's: processes it and sends what comes next.</summary>
    private void Receive(IsakmpExchange exchange, ReadOnlyMemory<byte> bytes, IPEndPoint local, IPEndPoint remote)
    {
        if (exchange.LastReceived is { } previous && bytes.Span.SequenceEqual(previous))
        {
            // RFC 2408 has no acknowledgements: a repeated message means our answer to it was lost
            if (exchange.LastSent is { } last && !exchange.IsDead && exchange.WeSend(exchange.LastNumber))
            {
                EngineLog.V1ResendingLast(Log, _sa.Describe(), Diag.ExchangeName(exchange.Type));
                Host.Send(_sa, last);
            }

            return;
        }

        int number = exchange.LastNumber + 1;
        if (exchange.IsComplete || exchange.IsDead || number > exchange.MessageCount || exchange.WeSend(number))
        {
            Drop(exchange, "not the message this exchange waits for");
            return;
        }

        byte[]? iv = exchange.Iv ?? (_sa.HasKeys ? _sa.InitialIv : null);
        IsakmpDecodeResult result = IsakmpMessageCodec.Decode(bytes.Span, _sa.Protection, iv ?? new byte[_sa.Protection?.BlockSize ?? 0], number, _sa.MinorVersion);
        if (!result.IsOk)
        {
            OnUndecodable(exchange, result, number);
            return;
        }

        IsakmpMessage message = result.Message;
        if (message.IsEncrypted)
        {
            Host.OnProtectedMessageFrom(_sa, local, remote);
        }

        EngineLog.V1MessageReceived(Log, _sa.Describe(), Diag.ExchangeName(exchange.Type), number, exchange.MessageId);
        if (message.IsEncrypted)
        {
            exchange.Iv = result.NextIv.ToArray();
        }

        exchange.StopTimer();
        exchange.Retransmits = 0;
        exchange.LastReceived = bytes.ToArray();
        exchange.LastNumber = number;
        foreach (IIsakmpTask task in exchange.Tasks)
        {
            TaskStatus status = task.Process(message, number);
            if (status is TaskStatus.Failed or TaskStatus.DestroySa)
            {
                Fail(exchange, task, status);
                return;
            }
        }

        if (number == exchange.MessageCount)
        {
            Complete(exchange);
        }
        else
        {
            SendNext(exchange, number + 1);
        }
    }

    private void SendNext(IsakmpExchange exchange, int number)
    {
        var builder = new IsakmpMessageBuilder(exchange.Type, number, exchange.MessageId);
        foreach (IIsakmpTask task in exchange.Tasks)
        {
            TaskStatus status = task.Build(builder);
            if (status is TaskStatus.Failed or TaskStatus.DestroySa)
            {
                Fail(exchange, task, status);
                return;
            }
        }

        bool encrypted = IsEncrypted(exchange.Type, number);
        var message = new IsakmpMessage(_sa.InitiatorCookie, _sa.ResponderCookie, exchange.Type,
            encrypted ? IsakmpHeaderFlags.Encryption : IsakmpHeaderFlags.None, exchange.MessageId, [.. builder.Payloads])
        {
            MinorVersion = _sa.MinorVersion,
        };
        byte[] packet;
        if (encrypted)
        {
            byte[] iv = [.. exchange.Iv ?? _sa.InitialIv];
            packet = IsakmpMessageCodec.Encode(message, _sa.Protection!, iv);
            exchange.Iv = iv;
        }
        else
        {
            packet = IsakmpMessageCodec.Encode(message);
        }

        exchange.LastSent = packet;
        exchange.LastNumber = number;
        exchange.Retransmits = 0;
        EngineLog.V1MessageSent(Log, _sa.Describe(), Diag.ExchangeName(exchange.Type), number, exchange.MessageId, packet.Length);
        Host.Send(_sa, packet);
        if (number == exchange.MessageCount)
        {
            Complete(exchange);
        }
        else
        {
            ArmRetransmit(exchange);
        }
    }

    private void ArmRetransmit(IsakmpExchange exchange)
    {
        exchange.StopTimer();
        TimeSpan delay = Retransmission.Delay(exchange.Timing, exchange.Retransmits);
        int number = exchange.LastNumber;
        exchange.RetransmitTimer = Host.Schedule(delay, () => OnRetransmitExpired(exchange, number));
    }

    /// <summary>Our last message got no answer in time: send it again, the same octets (RFC 2408 §5), until the tries
    /// run out; then the exchange, and for phase 1 the SA, has failed.</summary>
    private void OnRetransmitExpired(IsakmpExchange exchange, int number)
    {
        if (exchange.IsComplete || exchange.IsDead || exchange.LastNumber != number || _sa.State == IkeSaState.Destroyed || exchange.LastSent is null)
        {
            return;
        }

        if (exchange.Retransmits >= exchange.Timing.RetransmitTries)
        {
            string name = Diag.ExchangeName(exchange.Type);
            NegotiationDiagnostic timeout = Diag.Timeout(name, _sa.Remote.ToString(), exchange.Retransmits, TimeoutHint(exchange.Type, number + 1));
            EngineLog.ExchangeTimedOut(Log, _sa.Describe(), timeout.Message);
            exchange.IsDead = true;
            DisposeTasks(exchange);
            if (exchange.IsPhase1)
            {
                Host.Destroy(_sa, timeout, EngineEventType.NegotiationFailed);
            }
            else
            {
                Host.OnQuickModeFailed(_sa, timeout);
            }

            return;
        }

        exchange.Retransmits++;
        EngineLog.V1Retransmitting(Log, _sa.Describe(), Diag.ExchangeName(exchange.Type), number, exchange.MessageId, exchange.Retransmits);
        Host.Send(_sa, exchange.LastSent);
        ArmRetransmit(exchange);
    }

    private void OnUndecodable(IsakmpExchange exchange, IsakmpDecodeResult result, int number)
    {
        string name = Diag.ExchangeName(exchange.Type);
        if (exchange.IsPhase1 && result.Header is { IsEncrypted: true } && _sa.HasKeys && result.Status == IsakmpDecodeStatus.Malformed)
        {
            // RFC 2409 §5: the cipher key comes from SKEYID = prf(PSK, Ni_b | Nr_b); the peer's first encrypted message
            // turning to garbage is what two different pre-shared keys look like
            FailPhase1(Diag.PskMismatchLocal(name), IsakmpNotifyType.AuthenticationFailed);
            return;
        }

        if (exchange.IsPhase1 && result.Status == IsakmpDecodeStatus.RuleViolation && (exchange.WeInitiated || number > 1))
        {
            FailPhase1(Diag.LocalFailure(name, "PAYLOAD_MALFORMED", $"message {number} {result}"), IsakmpNotifyType.PayloadMalformed);
            return;
        }

        Drop(exchange, result.ToString());
    }

    private void FailPhase1(NegotiationDiagnostic failure, IsakmpNotifyType? notify = null)
    {
        if (Phase1 is { } phase1)
        {
            phase1.IsDead = true;
            phase1.StopTimer();
            DisposeTasks(phase1);
        }

        EngineLog.NegotiationFailed(Log, _sa.Describe(), failure.Message);
        if (notify is { } type)
        {
            SendInformational([NotificationPayload.Create(type)]);
        }

        Host.Destroy(_sa, failure, EngineEventType.NegotiationFailed);
    }

    private void Fail(IsakmpExchange exchange, IIsakmpTask task, TaskStatus status)
    {
        exchange.IsDead = true;
        exchange.StopTimer();
        DisposeTasks(exchange);
        NegotiationDiagnostic? failure = task.Failure;
        if (failure is not null)
        {
            EngineLog.NegotiationFailed(Log, _sa.Describe(), failure.Message);
        }

        if (task.ErrorToSend is { } error)
        {
            SendInformational([NotificationPayload.Create(error)]);
        }

        if (exchange.IsPhase1 || status == TaskStatus.DestroySa)
        {
            Host.Destroy(_sa, failure, failure is null ? EngineEventType.IkeSaDeleted : EngineEventType.NegotiationFailed);
        }
        else
        {
            Forget(exchange);
            Host.OnQuickModeFailed(_sa, failure);
        }
    }

    private void Complete(IsakmpExchange exchange)
    {
        exchange.IsComplete = true;
        exchange.StopTimer();
        DisposeTasks(exchange);
        if (exchange.IsPhase1)
        {
            // RFC 2409 Appendix B: phase 2 IVs start from the last CBC block of phase 1 (the first IV when aggressive
            // mode's last message went in clear)
            _sa.LastPhase1Block = exchange.Iv ?? _sa.InitialIv;
            Host.OnPhase1Established(_sa);
            return;
        }

        Forget(exchange);
    }

    /// <summary>Keeps a finished quick mode a while to answer a repeat of its last message, within a bound.</summary>
    private void Forget(IsakmpExchange exchange)
    {
        _finishedQuickModes.Enqueue(exchange.MessageId);
        while (_finishedQuickModes.Count > MaxFinishedQuickModes)
        {
            uint old = _finishedQuickModes.Dequeue();
            if (_quickModes.TryGetValue(old, out IsakmpExchange? stale) && (stale.IsComplete || stale.IsDead))
            {
                _quickModes.Remove(old);
            }
        }
    }

    /// <summary>HDR* messages: main mode 5-6, aggressive mode 3 (we always encrypt it; RFC 2409 shows it in clear and
    /// both forms are read), every quick mode message (RFC 2409 §5, §5.5).</summary>
    private static bool IsEncrypted(IsakmpExchangeType type, int number) => number >= EncryptedFrom(type);

    /// <summary>Our HASH_I or HASH_R is out: main mode 5 as initiator, aggressive mode 2 as responder, 3 as initiator.</summary>
    private static bool AuthenticationSent(IsakmpExchange phase1) =>
        phase1.WeInitiated ? phase1.LastNumber >= EncryptedFrom(phase1.Type) : phase1.Type == IsakmpExchangeType.Aggressive && phase1.LastNumber >= 2;

    private static int EncryptedFrom(IsakmpExchangeType type) => type switch
    {
        IsakmpExchangeType.IdentityProtection => 5,
        IsakmpExchangeType.Aggressive => 3,
        _ => 1,
    };

    private static string? TimeoutHint(IsakmpExchangeType type, int awaited) => (type, awaited) switch
    {
        (IsakmpExchangeType.IdentityProtection, 2) or (IsakmpExchangeType.Aggressive, 2) => "no IKEv1 peer answers at this address and port",
        (IsakmpExchangeType.IdentityProtection, 6) => "the peer did not accept our authentication: PSK or identity mismatch?",
        (IsakmpExchangeType.Aggressive, 3) => "the peer did not complete aggressive mode: PSK mismatch?",
        (IsakmpExchangeType.QuickMode, _) => "the peer did not answer the quick mode",
        _ => null,
    };

    private void Drop(IsakmpHeader header, string reason) =>
        EngineLog.V1MessageDropped(Log, _sa.Describe(), Diag.ExchangeName(header.ExchangeType), header.MessageId, reason);

    private void Drop(IsakmpExchange exchange, string reason) =>
        EngineLog.V1MessageDropped(Log, _sa.Describe(), Diag.ExchangeName(exchange.Type), exchange.MessageId, reason);

    private uint NewMessageId()
    {
        Span<byte> bytes = stackalloc byte[4];
        while (true)
        {
            Host.Services.Random.Fill(bytes);
            uint id = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            if (id != 0 && !_quickModes.ContainsKey(id))
            {
                return id;
            }
        }
    }

    private static void DisposeTasks(IsakmpExchange exchange)
    {
        foreach (IDisposable task in exchange.Tasks.OfType<IDisposable>())
        {
            task.Dispose();
        }
    }
}
