-- The parameters whose maximum-likelihood value lies at 0 or infinity ('a → 0' when the data
-- show no dropout, 'q → ∞' when every repeater spends alike): the fit stops there and names
-- them instead of walking the likelihood's ridge to the parameter bound.
alter table segmentation.clv_fit add column boundary text[] not null default '{}';
