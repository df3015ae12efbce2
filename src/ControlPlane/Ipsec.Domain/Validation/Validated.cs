namespace Ipsec.Domain;

/// <summary>
/// The outcome of reading or checking a request: either a value (possibly with warnings) or every error found.
/// Validation never stops at the first error, so a caller can fix a request in one round trip.
/// </summary>
/// <remarks>
/// <see cref="Value"/> is null when the result is invalid. A valid result may also carry a null value where "nothing
/// given" is itself valid (for example <see cref="ConnectionRules.ValidatePsk"/> with no PSK).
/// </remarks>
public sealed class Validated<T>
{
    private Validated(T? value, IReadOnlyList<ApiError> errors, IReadOnlyList<ApiWarning> warnings)
    {
        Value = value;
        Errors = errors;
        Warnings = warnings;
    }

    public bool IsValid => Errors.Count == 0;

    public T? Value { get; }

    public IReadOnlyList<ApiError> Errors { get; }

    public IReadOnlyList<ApiWarning> Warnings { get; }

    /// <summary>
    /// The kind that decides the HTTP status when the result is invalid; null when valid. When errors of several kinds
    /// are present: Forbidden first (fixing the input cannot help), then Invalid, NotFound, Conflict, the order the
    /// HTTP layer (ApiResults.From) uses.
    /// </summary>
    public ErrorKind? Kind
    {
        get
        {
            if (IsValid) return null;
            foreach (var kind in KindPrecedence)
                if (Errors.Any(e => e.Kind == kind)) return kind;
            return ErrorKind.Invalid;
        }
    }

    private static readonly ErrorKind[] KindPrecedence = [ErrorKind.Forbidden, ErrorKind.Invalid, ErrorKind.NotFound, ErrorKind.Conflict];

    public static Validated<T> Valid(T? value, IReadOnlyList<ApiWarning>? warnings = null) =>
        new(value, [], warnings ?? []);

    public static Validated<T> Invalid(IReadOnlyList<ApiError> errors, IReadOnlyList<ApiWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) throw new ArgumentException("an invalid result needs at least one error", nameof(errors));
        return new(default, errors, warnings ?? []);
    }

    public static Validated<T> Invalid(ApiError error) => Invalid([error]);
}
