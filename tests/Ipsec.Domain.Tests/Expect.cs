namespace Ipsec.Domain.Tests;

/// <summary>Assertions that print every error when they fail, so a broken rule shows what it produced instead.</summary>
internal static class Expect
{
    public static T Valid<T>(Validated<T> result)
    {
        Assert.True(result.IsValid, "expected valid, got: " + Describe(result.Errors));
        Assert.Empty(result.Errors);
        return result.Value!;
    }

    public static ApiError Error<T>(Validated<T> result, string code, string? field, ErrorKind kind = ErrorKind.Invalid)
    {
        Assert.False(result.IsValid, $"expected {code} on {field}, but the result is valid");
        var matches = result.Errors.Where(e => e.Code == code && e.Field == field).ToList();
        Assert.True(matches.Count == 1, $"expected one {code} on {field}; got: {Describe(result.Errors)}");
        Assert.Equal(kind, matches[0].Kind);
        Assert.Null(result.Value);
        return matches[0];
    }

    /// <summary>Exactly this error and no other: the rule under test is the only one that fired.</summary>
    public static ApiError OnlyError<T>(Validated<T> result, string code, string? field, ErrorKind kind = ErrorKind.Invalid)
    {
        var error = Error(result, code, field, kind);
        Assert.True(result.Errors.Count == 1, "expected a single error; got: " + Describe(result.Errors));
        return error;
    }

    /// <summary>Accepted when <paramref name="code"/> is null, otherwise refused with exactly that error.</summary>
    public static void Outcome<T>(Validated<T> result, string? code, string? field, ErrorKind kind = ErrorKind.Invalid)
    {
        if (code is null) Valid(result);
        else OnlyError(result, code, field, kind);
    }

    public static string Describe(IEnumerable<ApiError> errors) =>
        "[" + string.Join("; ", errors.Select(e => $"{e.Code} @ {e.Field} ({e.Kind}): {e.Message}")) + "]";
}
