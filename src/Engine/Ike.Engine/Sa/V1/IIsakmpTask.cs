using Ike.Encoding.V1;
using Ike.Engine.Api;

namespace Ike.Engine.Sa.V1;

/// <summary>Which piece of IKEv1 a task is (logs, and which exchange carries it).</summary>
internal enum IsakmpTaskType
{
    MainMode, AggressiveMode, Vendor, NatDetection, QuickMode,
}

/// <summary>
/// One piece of an IKEv1 exchange (strongSwan's IKEv1 tasks: main_mode, aggressive_mode, isakmp_vendor, isakmp_natd,
/// quick_mode). IKEv1 messages carry no request/response flag, so the exchange tells each task which message of it
/// (1-based, RFC 2409 §5) it builds or processes; the role is fixed when the task is made. No exception leaves a task
/// for anything the peer sent: failures are statuses with a <see cref="Failure"/> and, where the peer should hear of
/// it, an <see cref="ErrorToSend"/>.
/// </summary>
internal interface IIsakmpTask
{
    IsakmpTaskType Type { get; }

    /// <summary>Adds this task's payloads to message <see cref="IsakmpMessageBuilder.Number"/> of the exchange.</summary>
    TaskStatus Build(IsakmpMessageBuilder message);

    /// <summary>Consumes this task's payloads of message <paramref name="number"/> of the exchange.</summary>
    TaskStatus Process(IsakmpMessage message, int number);

    /// <summary>Why the task failed; null while it has not.</summary>
    NegotiationDiagnostic? Failure { get; }

    /// <summary>The notify the peer gets when the task failed (RFC 2408 §5), or null to fail silently.</summary>
    IsakmpNotifyType? ErrorToSend { get; }
}
