namespace Ipsec.LocalRuntime.Demo;

/// <summary>
/// The customer side of one connection, run by the demo. <see cref="KillAsync"/> stops it the way a crashed or
/// unplugged device stops: no Delete notification, so the VPN gateway learns of it only through DPD (RFC 7296 §2.4).
/// <see cref="IAsyncDisposable.DisposeAsync"/> stops it cleanly (the runtime is shutting down).
/// </summary>
interface IDemoCustomerPeer : IAsyncDisposable
{
    DemoPeerKind Kind { get; }

    /// <summary>Who runs where, for the API's messages (never the PSK).</summary>
    string Description { get; }

    int IkePort { get; }

    int NatPort { get; }

    Task<DemoPeerSas> ListSasAsync(CancellationToken ct);

    /// <summary>Stops at once, telling nobody; idempotent.</summary>
    Task KillAsync();
}
