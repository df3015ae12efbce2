using Ipsec.Crypto.Algorithms;

namespace Ipsec.Crypto.KeyExchange;

/// <summary>
/// What the three MODP implementations share: the peer-value checks, the output padding and the disposal rules.
/// A subclass only exponentiates.
/// </summary>
public abstract class ModpKeyExchange : IKeyExchange
{
    private byte[] _publicValue = [];
    private bool _disposed;

    protected ModpKeyExchange(DhGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        Group = group;
    }

    public DhGroup Group { get; }

    public ReadOnlySpan<byte> PublicValue
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _publicValue;
        }
    }

    public byte[] ComputeSharedSecret(ReadOnlySpan<byte> peerPublic)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var failure = PeerPublicValue.Check(Group, peerPublic);
        if (failure != KeyExchangeFailure.None)
        {
            throw new InvalidKeyExchangeValueException(Group, failure);
        }

        var secret = new byte[Group.PrimeLength];
        ComputeSharedSecretCore(peerPublic, secret);
        return secret;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        DisposeCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Called once by the subclass constructor with g^x mod p, already padded to the prime's length.</summary>
    protected void SetPublicValue(byte[] publicValue)
    {
        if (publicValue.Length != Group.PrimeLength)
        {
            throw new InvalidOperationException("The public value must be padded to the prime's length.");
        }

        _publicValue = publicValue;
    }

    /// <summary>Writes peerPublic^x mod p into <paramref name="destination"/> (exactly the prime's length), left-padded.
    /// The peer value has already passed <see cref="PeerPublicValue.Check"/>.</summary>
    protected abstract void ComputeSharedSecretCore(ReadOnlySpan<byte> peerPublic, Span<byte> destination);

    /// <summary>Wipes or releases the private exponent.</summary>
    protected abstract void DisposeCore();
}
