namespace Ipsec.Domain;

/// <summary>
/// Collects the errors and warnings of one validation run, so every rule adds to the same list and the caller gets
/// all of them at once.
/// </summary>
internal sealed class Findings
{
    private readonly List<ApiError> errors = [];
    private readonly List<ApiWarning> warnings = [];

    public bool HasErrors => errors.Count > 0;

    public int ErrorCount => errors.Count;

    public IReadOnlyList<ApiError> Errors => errors;

    public IReadOnlyList<ApiWarning> Warnings => warnings;

    public void Invalid(string field, string message, string? reason = null) =>
        errors.Add(new ApiError(ErrorCodes.InvalidParameter(field, reason), field, message));

    public void Missing(string field, string message) =>
        errors.Add(new ApiError(ErrorCodes.MissingParameter(field), field, message));

    public void Add(ApiError error) => errors.Add(error);

    public void AddRange(IEnumerable<ApiError> more) => errors.AddRange(more);

    public void Warn(string code, string field, string message) => warnings.Add(new ApiWarning(code, field, message));

    /// <summary>The result when errors were found and there is nothing to build.</summary>
    public Validated<T> Failure<T>() => Validated<T>.Invalid(errors.ToList(), warnings.ToList());

    /// <summary>The result: the built value when nothing failed, otherwise every error (and the warnings so far).</summary>
    public Validated<T> Result<T>(Func<T> build) =>
        HasErrors ? Validated<T>.Invalid(errors.ToList(), warnings.ToList()) : Validated<T>.Valid(build(), warnings.ToList());
}
