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
        'font-size': 11, 'width': 200, 'height': 54, 'background-color': 'data(colour)',
        'border-width': 1, 'border-color': '#555', 'shape': 'round-rectangle' } },
      { selector: 'node[kind = "run"], node[kind = "job"]', style: {
        'shape': 'ellipse', 'width': 150, 'height': 40, 'border-style': 'solid', 'font-style': 'italic' } },
      { selector: 'node[kind = "job"]', style: { 'width': 190, 'height': 48 } },
      { selector: 'node[?pending]', style: { 'border-style': 'dashed', 'border-width': 2 } },
      { selector: 'node[?root]', style: { 'border-width': 4, 'border-color': '#1a237e' } },
      { selector: 'node[?onPath]', style: { 'border-color': '#b71c1c', 'border-width': 4 } },
      { selector: 'node[?root][?onPath]', style: { 'border-color': '#1a237e' } },
      { selector: 'node[href]', style: { 'cursor': 'pointer' } },
      { selector: 'edge', style: {
        'width': 1.5, 'line-color': '#90a4ae', 'target-arrow-color': '#90a4ae',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier' } },
      { selector: 'edge[?onPath]', style: {
        'width': 4, 'line-color': '#c62828', 'target-arrow-color': '#c62828' } }
    ]
  });
  cy.fit(undefined, 30);
  // Readable at any size: never start smaller than a readable zoom, centred on the root.
  if (cy.zoom() < 0.45) {
    cy.zoom(0.45);
    cy.center(cy.getElementById(data.root));
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
