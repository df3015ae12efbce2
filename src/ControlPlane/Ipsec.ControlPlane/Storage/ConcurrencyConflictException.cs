namespace Ipsec.ControlPlane.Storage;

/// <summary>Another writer changed the row since it was read (ETag mismatch); the caller answers 409.</summary>
public sealed class ConcurrencyConflictException(string resource) : Exception($"{resource} was changed concurrently; read it again and retry");
