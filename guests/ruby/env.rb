# Sees exactly the environment declared by suites/cli/env.yaml and no other variable
# (the inherit-env control adds WASI_MATRIX_HOST_SENTINEL, so a name prefix would not do).
a, u = ENV["WASI_MATRIX_A"], ENV["WASI_MATRIX_UTF8"]
check(a == "one", "env-set", "WASI_MATRIX_A=#{a.inspect}")
# ENV's strings carry the locale's encoding (none is set here), so the bytes are what is compared.
check(u&.b == "grüß".b, "env-utf8", "WASI_MATRIX_UTF8=#{u.inspect}")
extra = ENV.keys - %w[WASI_MATRIX_A WASI_MATRIX_UTF8]
check(extra.empty?, "env-no-leak", -> { "#{ENV.size} variables, first undeclared: #{extra.first[0, 60]}" })
exit status
