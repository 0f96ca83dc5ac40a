# Random bytes are not all zero and differ between calls (Random.urandom: the OS's entropy, here random_get).
draw = lambda do |n|
  [Random.urandom(n), nil]
rescue SystemCallError, NotImplementedError => e
  ["\0".b * n, e]
end
x, e1 = draw.(32)
y, e2 = draw.(32)
check(e1.nil? && e2.nil? && x.bytesize == 32, "getentropy", (e1 || e2).to_s)
zero = ->(s) { s.bytes.all?(&:zero?) }
check(!zero.(x) && !zero.(y), "nonzero", "a 32-byte draw was all zero")
check(x != y, "differ", "two 32-byte draws were equal")
big, err = draw.(256)
check(err.nil? && big.bytesize == 256 && !zero.(big), "max-request", err.to_s)
exit status
