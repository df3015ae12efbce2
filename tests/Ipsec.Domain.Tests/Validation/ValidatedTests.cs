namespace Ipsec.Domain.Tests.Validation;

public class ValidatedTests
{
    [Fact]
    public void Forbidden_decides_the_status_over_invalid()
    {
        var result = Validated<int>.Invalid([
            new ApiError("InvalidParameter.Name", "name", "bad"),
            new ApiError("Forbidden.FeatureNotAllowed.Dpd", "enableDpd", "no", ErrorKind.Forbidden)]);
        Assert.Equal(ErrorKind.Forbidden, result.Kind);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Invalid_decides_over_not_found_and_conflict()
    {
        var result = Validated<int>.Invalid([
            new ApiError("Conflict.X", null, "c", ErrorKind.Conflict),
            new ApiError("NotFound.X", null, "n", ErrorKind.NotFound),
            new ApiError("InvalidParameter.Name", "name", "bad")]);
        Assert.Equal(ErrorKind.Invalid, result.Kind);
        Assert.Equal(ErrorKind.NotFound, Validated<int>.Invalid([new ApiError("C", null, "c", ErrorKind.Conflict), new ApiError("N", null, "n", ErrorKind.NotFound)]).Kind);
    }

    [Fact]
    public void Invalid_kind_when_only_invalid_errors_and_none_when_valid()
    {
        Assert.Equal(ErrorKind.Invalid, Validated<int>.Invalid(new ApiError("X", null, "m")).Kind);
        Assert.Null(Validated<int>.Valid(1).Kind);
    }

    [Fact]
    public void An_invalid_result_needs_an_error() =>
        Assert.Throws<ArgumentException>(() => Validated<int>.Invalid(Array.Empty<ApiError>()));
}
