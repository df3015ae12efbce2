using System.Security.Cryptography;


namespace Ike.Engine.Api;

/// <summary>A pre-shared key. Its text never appears in ToString, logs or diagnostics; the bytes are zeroed on Dispose.</summary>
public sealed class PreSharedKey : IDisposable
{
    readonly byte[] bytes;

    public PreSharedKey(string secret) => bytes = System.Text.Encoding.UTF8.GetBytes(secret);

    /// <summary>The key's bytes for the AUTH computation (RFC 7296 §2.15); do not keep the span.</summary>
    public ReadOnlySpan<byte> Bytes => bytes;

    public override string ToString() => "PreSharedKey(***)";

    public void Dispose() => CryptographicOperations.ZeroMemory(bytes);
}
