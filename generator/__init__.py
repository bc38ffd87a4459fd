"""sdkgen."""
