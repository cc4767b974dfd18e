"""Cross-cutting protections: sign-in lockout, rate limits, security headers, error pages."""
