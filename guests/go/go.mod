module wasimatrix/guests

go 1.24
