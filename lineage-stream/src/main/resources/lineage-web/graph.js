// Draws the lineage graph the server shaped (positions included) with Cytoscape.js: boxes are
// artifact versions or datasets, ellipses runs or jobs, filled in the DOT output's colours; the
// path to a blocking ancestor is thick and red; a click on a box opens its page. Labels are drawn
// on the canvas, never parsed as HTML.
(function () {
  'use strict';
  var holder = document.getElementById('graph');
  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var cy = cytoscape({
    container: holder,
    elements: { nodes: data.nodes, edges: data.edges },
    layout: { name: 'preset' },
    minZoom: 0.05,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: {
        'label': 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center', 'text-halign': 'center',
        'font-size': 13, 'width': 190, 'height': 62, 'background-color': 'data(colour)',
        'border-width': 1, 'border-color': '#555', 'shape': 'round-rectangle' } },
      { selector: 'node[kind = "run"], node[kind = "job"]', style: {
        'shape': 'ellipse', 'width': 160, 'height': 46, 'border-style': 'solid', 'font-style': 'italic' } },
      { selector: 'node[kind = "job"]', style: { 'width': 190, 'height': 54 } },
      { selector: 'node[?pending]', style: { 'border-style': 'dashed', 'border-width': 2 } },
      { selector: 'node[?root]', style: { 'border-width': 4, 'border-color': '#1a237e' } },
      { selector: 'node[?onPath]', style: { 'border-color': '#b71c1c', 'border-width': 4 } },
      { selector: 'node[?root][?onPath]', style: { 'border-color': '#1a237e' } },
      { selector: 'node[href]', style: { 'cursor': 'pointer' } },
      { selector: 'edge', style: {
        'width': 1.5, 'line-color': '#90a4ae', 'target-arrow-color': '#90a4ae',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
      { selector: 'edge[?long]', style: {
        'curve-style': 'unbundled-bezier', 'control-point-distances': [-90], 'control-point-weights': [0.5] } },
      { selector: 'edge[?onPath]', style: {
        'width': 4, 'line-color': '#c62828', 'target-arrow-color': '#c62828' } }
    ]
  });
  // Readable at any size: the whole graph when it fits at a readable zoom, else a readable zoom
  // centred on the root (pan and zoom for the rest); the box only as tall as the drawing needs.
  var READABLE = 0.8;
  var box = cy.elements().boundingBox();
  holder.style.height = Math.max(260, Math.min(680, box.h * READABLE + 60)) + 'px';
  cy.resize();
  cy.fit(undefined, 30);
  if (cy.zoom() < READABLE) {
    cy.zoom(READABLE);
    cy.center(cy.getElementById(data.root));
    fill();
  } else if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }

  // After centring on the root, no empty margin where the drawing could be: an upstream graph,
  // whose root is rightmost, shows as many ancestors as fit instead of half a box of nothing.
  function fill() {
    var pad = 30;
    var bb = cy.elements().renderedBoundingBox();
    var dx = 0;
    var dy = 0;
    if (bb.x1 > pad) { dx = pad - bb.x1; } else if (bb.x2 < cy.width() - pad) { dx = cy.width() - pad - bb.x2; }
    if (bb.y1 > pad) { dy = pad - bb.y1; } else if (bb.y2 < cy.height() - pad) { dy = cy.height() - pad - bb.y2; }
    cy.panBy({ x: dx, y: dy });
  }
  cy.on('tap', 'node', function (event) {
    var href = event.target.data('href');
    if (href) {
      window.location.assign(href);
    }
  });
  cy.on('mouseover', 'node[href]', function () { holder.style.cursor = 'pointer'; });
  cy.on('mouseout', 'node', function () { holder.style.cursor = ''; });
  // For tests and the curious: the drawing, from the console.
  window.lineageGraph = cy;
}());
