module github.com/wijksim/wijksim

go 1.26
